using System.Diagnostics;
using System.Text.Json;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EParticipation.Bench.DataGenerator;

/// <summary>What the cases benchmark needs to know about its data (cases-dataset.json).</summary>
internal sealed record CasesDataset(
    int Cases,
    int Users,
    int Officers,
    long TimelineEntries,
    long Details,
    int OpenCases,
    int QueueAgencyId,
    string QueueAgencyCode,
    int QueueAgencyOpen,
    IReadOnlyList<string> QueueOfficerEmails,
    IReadOnlyDictionary<string, int> OpenByCategory,
    IReadOnlyDictionary<string, int> Counters,
    string QueuePath,
    string SearchPath,
    string SearchTerm,
    string ComplaintPath,
    string UserEmailFormat,
    string Password,
    double Seconds);

/// <summary>
/// Fills an empty portal database with cases: the portal's migrations and reference seeders first
/// (<see cref="DatasetGenerator.BuildPortal"/>), participants as in the consultations dataset, three
/// case officers per agency (through EF, with the CaseOfficer role), then with binary COPY the cases
/// (complaints and business feedback) with 2-5 timeline entries and 1-2 details each. Due days come
/// from the portal's own working-day calendar (<see cref="CaseClock"/>), search text from
/// <see cref="Case.Describe"/>, tracking numbers from <see cref="TrackingNumbers.Format"/> in
/// submission order per kind and Hijri year, and the CaseCounters rows hold the last number given.
/// </summary>
internal static class CasesGenerator
{
    public const string OfficerEmailFormat = "officer{0:D2}-{1}@bench.portal.test";
    private static readonly System.Text.CompositeFormat OfficerEmail = System.Text.CompositeFormat.Parse(OfficerEmailFormat);
    private const int Seed = 20261201;
    private const int OfficersPerAgency = 3;
    public const string SearchTerm = "تاخر";

    internal enum Category : byte
    {
        Closed,
        NotDue,
        DueSoon,
        DueSoonReminded,
        Overdue,
        OverdueEscalated,
        Responded,
        AwaitingInformation,
    }

    private struct Plan
    {
        public int Agency;
        public bool Feedback;
        public Category Category;
        public int Submitter;
        public DateTime SubmittedAt;
        public CaseEndState? End;
        public int Officer; // -1: nobody assigned
    }

    private static readonly string[] Subjects =
    [
        "تأخر إصدار الرخصة", "تأخر الرد على الطلب", "رفض الطلب دون توضيح السبب", "صعوبة حجز موعد", "خطأ في بيانات الفاتورة",
        "عدم تفعيل الخدمة الإلكترونية", "سوء تعامل موظف الاستقبال", "انقطاع الخدمة المتكرر", "طلب استرداد رسوم", "تأخر صرف المستحقات",
        "مشكلة في بوابة الخدمات", "عدم وضوح متطلبات الطلب", "تكرار طلب المستندات نفسها", "إغلاق الطلب دون إشعار", "تأخر تجديد السجل",
    ];

    private static readonly string[] FeedbackSubjects =
    [
        "أثر اشتراط الترخيص المسبق على المنشآت الصغيرة", "تكلفة الامتثال لمتطلبات التقارير الربعية", "ازدواجية الإجراءات بين جهتين",
        "مدة إصدار التصاريح تعيق التوسع", "اقتراح تبسيط نموذج التسجيل", "غموض معايير التصنيف",
    ];

    private static readonly string[] Sentences =
    [
        "تقدمت بالطلب منذ أكثر من شهر ولم أتلق أي رد حتى الآن.",
        "راجعت الفرع مرتين وطُلب مني تقديم المستندات نفسها مرة أخرى.",
        "تظهر رسالة خطأ عند محاولة إتمام الدفع عبر البوابة.",
        "لم يوضح الإشعار سبب الرفض ولا الخطوة التالية المطلوبة.",
        "أرجو التكرم بمعالجة الموضوع في أقرب وقت لأن التأخير يسبب لي ضرراً.",
        "تواصلت مع مركز الاتصال وأفادوا بأن الطلب قيد المعالجة دون تحديد موعد.",
        "البيانات المسجلة لدى الجهة لا تطابق البيانات الواردة في الهوية.",
        "الخدمة متوقفة منذ أيام ولا يوجد بديل للحصول عليها.",
        "أقترح إضافة خيار لمتابعة حالة الطلب إلكترونياً.",
        "تكبدت المنشأة تكاليف إضافية بسبب تأخر الإجراء.",
        "يتطلب الإجراء الحالي الحضور الشخصي رغم توفر الخدمة إلكترونياً.",
        "أرفقت صورة من الإيصال ورقم الطلب المرجعي.",
    ];

    private static readonly string[] Services = ["إصدار رخصة", "تجديد السجل التجاري", "حجز موعد", "استرداد رسوم", "تحديث البيانات", "إصدار شهادة", "طلب تصريح"];

    private static readonly string[] Responses =
    [
        "تمت معالجة الطلب وإصدار المستند، ويمكنكم تحميله من حسابكم.",
        "نعتذر عن التأخير، وقد وُجّه الفرع المختص بإنهاء الإجراء خلال يومين.",
        "بعد المراجعة تبين أن الطلب ينقصه مستند، وقد أوضحنا المطلوب.",
        "تم تصحيح البيانات ورد الرسوم إلى الحساب المسجل.",
    ];

    public static async Task<int> RunAsync(string connectionString, string outFile, int caseCount, int userCount)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var dataFolder = Path.Combine(Path.GetTempPath(), "ep-bench-cases-" + Guid.NewGuid().ToString("N"));
        await using var app = DatasetGenerator.BuildPortal(connectionString, dataFolder);
        await app.Services.GetRequiredService<DatabaseInitializer>().StartingAsync(CancellationToken.None);
        DatasetGenerator.Log(clock, "migrated and seeded reference data");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Cases.AnyAsync() || await db.Users.AnyAsync())
        {
            await Console.Error.WriteLineAsync("The database already holds cases or accounts; the generator fills an empty portal database.");
            return 1;
        }
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        var calendar = await scope.ServiceProvider.GetRequiredService<WorkingDays>().CalendarAsync();
        var today = WorkingDayCalendar.SaudiDate(now);
        var soon = CaseQueries.SoonLimit(calendar, today);
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplicationUser>>().HashPassword(new ApplicationUser(), DatasetGenerator.Password);
        var text = new TextGenerator(Seed);
        var random = text.Random;

        // --- accounts: participants by COPY (as the consultations dataset), officers through EF ---------
        var users = new (Guid Id, string Name)[userCount];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = (DatasetGenerator.NewGuid(random), text.PersonName());
        }
        var officerRole = await db.Roles.Where(r => r.Name == Roles.CaseOfficer).Select(r => r.Id).SingleAsync();
        var officers = new (Guid Id, string Name)[agencies.Count][];
        for (var a = 0; a < agencies.Count; a++)
        {
            officers[a] = new (Guid, string)[OfficersPerAgency];
            for (var k = 0; k < OfficersPerAgency; k++)
            {
                var email = string.Format(System.Globalization.CultureInfo.InvariantCulture, OfficerEmail, a, k);
                var officer = new ApplicationUser
                {
                    Id = DatasetGenerator.NewGuid(random),
                    FullName = text.PersonName(),
                    AccountType = AccountType.Citizen,
                    AgencyId = agencies[a].Id,
                    CreatedAt = now.AddDays(-900),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    PasswordHash = hash,
                    SecurityStamp = DatasetGenerator.NewGuid(random).ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = DatasetGenerator.NewGuid(random).ToString(),
                    LockoutEnabled = true,
                };
                db.Users.Add(officer);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = officer.Id, RoleId = officerRole });
                officers[a][k] = (officer.Id, officer.FullName);
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // --- the plan: agency, kind, state and submission time of every case ---------------------
        // Agency 0 (the queue's) has exactly 1/20 of the cases open (50,000 of 1,000,000) and twice as many
        // closed; the others share the rest with 5% open. Among open cases about 1 in 1,000 of all cases
        // is due soon and not yet reminded, as many overdue and not yet escalated.
        var queueOpen = caseCount / 20;
        var queueClosed = caseCount / 10;
        var plans = new Plan[caseCount];
        var freshShare = caseCount / 1000.0;
        var othersOpen = (int)((caseCount - queueOpen - queueClosed) * 0.05);
        var openTotal = queueOpen + othersOpen;
        var n = 0;
        for (var i = 0; i < caseCount; i++)
        {
            int agency;
            bool open;
            if (i < queueOpen)
            {
                (agency, open) = (0, true);
            }
            else if (i < queueOpen + queueClosed)
            {
                (agency, open) = (0, false);
            }
            else
            {
                agency = 1 + random.Next(agencies.Count - 1);
                open = i < queueOpen + queueClosed + othersOpen;
            }
            var category = Category.Closed;
            if (open)
            {
                var r = random.NextDouble() * openTotal;
                category = r < freshShare ? Category.DueSoon
                    : r < 2 * freshShare ? Category.Overdue
                    : ((r - 2 * freshShare) / (openTotal - 2 * freshShare)) switch
                    {
                        < 0.55 => Category.NotDue,
                        < 0.65 => Category.DueSoonReminded,
                        < 0.85 => Category.OverdueEscalated,
                        < 0.95 => Category.Responded,
                        _ => Category.AwaitingInformation,
                    };
            }
            plans[n++] = new Plan
            {
                Agency = agency,
                Feedback = random.Next(100) < 15,
                Category = category,
                Submitter = (int)Math.Min(userCount - 1 - 300, userCount * Math.Pow(random.NextDouble(), 1.6)), // the last 300 are the load's
                SubmittedAt = Submitted(category, now, random, calendar, today, soon),
            };
        }
        Array.Sort(plans, (x, y) => x.SubmittedAt.CompareTo(y.SubmittedAt));
        DatasetGenerator.Log(clock, $"planned {caseCount:N0} cases ({openTotal:N0} open, {queueOpen:N0} of them at {agencies[0].Code})");

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var trusted = await DatasetGenerator.TryExecuteAsync(connection, "SET session_replication_role = replica");
        var tables = new[] { "AspNetUsers", "Cases", "CaseTimeline", "CaseDetails", "CasePauses" };
        var indexes = await DatasetGenerator.DropSecondaryIndexesAsync(connection, tables);
        await DatasetGenerator.CopyUsersAsync(connection, users, hash, now, random);
        DatasetGenerator.Log(clock, $"copied {users.Length:N0} participants");

        var counters = new Dictionary<(string, int), int>();
        var openBy = new Dictionary<string, int>();
        long timeline = 0, details = 0;
        await using (var cases = await connection.BeginBinaryImportAsync(
            """COPY "Cases" ("Id", "Kind", "TrackingNumber", "AgencyId", "SubmitterId", "SubmissionKey", "Subject", "Description", "SearchText", "State", "EndState", "AssignedToId", "SubmittedAt", "ClockStartedAt", "DueOn", "PausedSince", "FirstRespondedAt", "RespondedAt", "ClosedAt", "ReopenCount", "Rating", "RatingComment", "RatedAt", "ReminderSentAt", "EscalatedAt", "UpdatedAt", "Version", "QueueRank", "ReceivedMonth", "FirstResponseWorkingDays") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < plans.Length; i++)
            {
                var p = plans[i];
                var kind = p.Feedback ? CaseKind.BusinessFeedback : CaseKind.Complaint;
                var prefix = CaseKinds.Prefix(kind);
                var year = TrackingNumbers.HijriYear(p.SubmittedAt);
                counters[(prefix, year)] = counters.GetValueOrDefault((prefix, year)) + 1;
                var c = new Case { TrackingNumber = TrackingNumbers.Format(prefix, year, counters[(prefix, year)]) };
                var subject = p.Feedback ? text.Pick(FeedbackSubjects) : text.Pick(Subjects);
                var description = string.Join(' ', Enumerable.Range(0, 2 + random.Next(3)).Select(_ => text.Pick(Sentences)));
                c.Describe(subject, description);
                if (p.Category != Category.Closed)
                {
                    openBy[p.Category.ToString()] = openBy.GetValueOrDefault(p.Category.ToString()) + 1;
                }
                var start = p.SubmittedAt;
                DateTime? paused = p.Category == Category.AwaitingInformation ? start.AddHours(20 + random.Next(48)) : null;
                var due = calendar.AddWorkingDays(start, CaseRules.ResponseWorkingDays,
                    paused is { } ps ? [new ClockPause(ps, null)] : null, now).Due;
                var state = p.Category switch
                {
                    Category.Closed => CaseState.Closed,
                    Category.Responded => CaseState.Responded,
                    Category.AwaitingInformation => CaseState.AwaitingInformation,
                    _ => CaseState.InReview,
                };
                var withdrawn = p.Category == Category.Closed && random.Next(100) < 4;
                var end = p.Category != Category.Closed ? (CaseEndState?)null
                    : withdrawn ? CaseEndState.Withdrawn
                    : random.Next(100) switch { < 70 => CaseEndState.Resolved, < 88 => CaseEndState.NotResolved, < 96 => CaseEndState.NotCompetent, _ => CaseEndState.Duplicate };
                var reviewed = start.AddHours(2 + random.Next(40));
                var officerIndex = !withdrawn && random.Next(100) < 70 ? random.Next(OfficersPerAgency) : -1;
                var assigned = officerIndex >= 0 ? officers[p.Agency][officerIndex] : ((Guid, string)?)null;
                plans[i].End = end;
                plans[i].Officer = officerIndex;
                DateTime? responded = p.Category is Category.Closed or Category.Responded && !withdrawn
                    ? Min(start.AddDays(1 + random.Next(14)).AddHours(random.Next(10)), now.AddHours(-1)) : null;
                DateTime? closed = p.Category == Category.Closed ? (responded ?? start.AddDays(1)).AddDays(random.Next(8)).AddHours(1) : null;
                if (closed > now)
                {
                    closed = now.AddMinutes(-10);
                }
                var rated = end is CaseEndState.Resolved or CaseEndState.NotResolved && random.Next(100) < 30;
                var reminded = p.Category is Category.DueSoonReminded or Category.Overdue or Category.OverdueEscalated
                    ? Min(due.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(-3), now.AddHours(-2)) : (DateTime?)null;
                var escalated = p.Category == Category.OverdueEscalated
                    ? Min(due.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1).AddHours(1), now.AddHours(-1)) : (DateTime?)null;
                var updated = new[] { start, reviewed, responded ?? start, closed ?? start, paused ?? start, reminded ?? start, escalated ?? start }.Max();

                await cases.StartRowAsync();
                await cases.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
                await cases.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar);
                await cases.WriteAsync(c.TrackingNumber, NpgsqlDbType.Varchar);
                await cases.WriteAsync(agencies[p.Agency].Id, NpgsqlDbType.Integer);
                await cases.WriteAsync(users[p.Submitter].Id, NpgsqlDbType.Uuid);
                await cases.WriteAsync(DatasetGenerator.NewGuid(random), NpgsqlDbType.Uuid);
                await cases.WriteAsync(c.Subject, NpgsqlDbType.Varchar);
                await cases.WriteAsync(c.Description, NpgsqlDbType.Varchar);
                await cases.WriteAsync(c.SearchText, NpgsqlDbType.Varchar);
                await cases.WriteAsync(state.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(cases, end?.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(cases, assigned?.Item1, NpgsqlDbType.Uuid);
                await cases.WriteAsync(start, NpgsqlDbType.TimestampTz);
                await cases.WriteAsync(start, NpgsqlDbType.TimestampTz);
                await cases.WriteAsync(due, NpgsqlDbType.Date);
                await WriteNullableAsync(cases, paused, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(cases, responded, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(cases, responded, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(cases, closed, NpgsqlDbType.TimestampTz);
                await cases.WriteAsync(0, NpgsqlDbType.Integer);
                await WriteNullableAsync(cases, rated ? 1 + random.Next(5) : null, NpgsqlDbType.Integer);
                await cases.WriteNullAsync();
                await WriteNullableAsync(cases, rated ? closed!.Value.AddDays(1) : null, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(cases, reminded, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(cases, escalated, NpgsqlDbType.TimestampTz);
                await cases.WriteAsync(updated, NpgsqlDbType.TimestampTz);
                await cases.WriteAsync(0, NpgsqlDbType.Integer);
                await cases.WriteAsync(Case.RankOf(state), NpgsqlDbType.Integer);
                // What Case.CountForStatistics keeps (the portal would otherwise fill it at start-up, in batches).
                var received = WorkingDayCalendar.SaudiDate(start);
                await cases.WriteAsync(received.Year * 100 + received.Month, NpgsqlDbType.Integer);
                await WriteNullableAsync(cases, responded is { } respondedAt ? calendar.WorkingDaysBetween(start, respondedAt) : (int?)null, NpgsqlDbType.Integer);
            }
            await cases.CompleteAsync();
        }
        DatasetGenerator.Log(clock, $"copied {caseCount:N0} cases");

        // Timeline, details and pauses: drawn again from the same plan, with their own random stream.
        var again = new Random(Seed + 1);
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "CaseTimeline" ("CaseId", "At", "Event", "IsPublic", "ActorId", "Body", "Data") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < plans.Length; i++)
            {
                var p = plans[i];
                var id = (long)(i + 1);
                var submitter = users[p.Submitter].Id;
                var officer = officers[p.Agency][p.Officer >= 0 ? p.Officer : again.Next(OfficersPerAgency)];
                var at = p.SubmittedAt;
                var agency = agencies[p.Agency];
                async Task Entry(CaseEvent what, bool isPublic, Guid? actor, string? body = null, string? data = null)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(id, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(Min(at, now), NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(what.ToString(), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(isPublic, NpgsqlDbType.Boolean);
                    await WriteNullableAsync(writer, actor, NpgsqlDbType.Uuid);
                    await WriteNullableAsync(writer, body, NpgsqlDbType.Varchar);
                    await WriteNullableAsync(writer, data, NpgsqlDbType.Varchar);
                    timeline++;
                    at = at.AddHours(1 + again.Next(30));
                }
                await Entry(CaseEvent.Submitted, true, submitter, data: CaseWorkflow.AgencyData(agency));
                if (p.End == CaseEndState.Withdrawn)
                {
                    await Entry(CaseEvent.Closed, true, submitter, data: nameof(CaseEndState.Withdrawn));
                    continue;
                }
                await Entry(CaseEvent.ReviewStarted, true, officer.Id);
                if (p.Officer >= 0)
                {
                    await Entry(CaseEvent.Assigned, false, officer.Id, data: officer.Name);
                }
                switch (p.Category)
                {
                    case Category.Closed:
                        await Entry(CaseEvent.Responded, true, officer.Id, Responses[again.Next(Responses.Length)]);
                        await Entry(CaseEvent.Closed, true, officer.Id, data: p.End.ToString());
                        break;
                    case Category.Responded:
                        await Entry(CaseEvent.Responded, true, officer.Id, Responses[again.Next(Responses.Length)]);
                        break;
                    case Category.AwaitingInformation:
                        await Entry(CaseEvent.InformationRequested, true, officer.Id, "نرجو تزويدنا برقم الطلب وصورة من الإيصال.");
                        break;
                    case Category.DueSoonReminded:
                        await Entry(CaseEvent.ReminderSent, false, null, data: "officers");
                        break;
                    case Category.OverdueEscalated:
                        await Entry(CaseEvent.ReminderSent, false, null, data: "officers");
                        await Entry(CaseEvent.Escalated, false, null);
                        break;
                    case Category.Overdue:
                        await Entry(CaseEvent.ReminderSent, false, null, data: "officers");
                        break;
                    default:
                        break;
                }
            }
            await writer.CompleteAsync();
        }
        DatasetGenerator.Log(clock, $"copied {timeline:N0} timeline entries");

        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "CaseDetails" ("CaseId", "Name", "LabelAr", "LabelEn", "Value", "Order") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < plans.Length; i++)
            {
                var p = plans[i];
                var rows = p.Feedback
                    ? new[] { ("regulation", "النظام أو الإجراء", "Regulation or procedure", text.Pick(Services)), ("cost", "الأثر على المنشأة", "Effect on the business", (1000 * (1 + again.Next(200))).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ريال") }
                    : new[] { ("route", "موضوع الشكوى", "What it is about", "خدمة من جهة حكومية"), ("service", "الخدمة المعنية", "Service concerned", text.Pick(Services)) };
                var count = 1 + again.Next(2);
                for (var d = 0; d < count; d++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
                    await writer.WriteAsync(rows[d].Item1, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(rows[d].Item2, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(rows[d].Item3, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(rows[d].Item4, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(d, NpgsqlDbType.Integer);
                    details++;
                }
            }
            await writer.CompleteAsync();
        }
        await DatasetGenerator.ExecuteAsync(connection,
            """INSERT INTO "CasePauses" ("CaseId", "StartedAt", "EndedAt") SELECT "Id", "PausedSince", NULL FROM "Cases" WHERE "PausedSince" IS NOT NULL""");
        foreach (var ((prefix, year), value) in counters)
        {
            await DatasetGenerator.ExecuteAsync(connection, $"INSERT INTO \"CaseCounters\" (\"Prefix\", \"Year\", \"Value\") VALUES ('{prefix}', {year}, {value})");
        }
        DatasetGenerator.Log(clock, $"copied {details:N0} details, the pauses and {counters.Count} counters");

        foreach (var definition in indexes)
        {
            await DatasetGenerator.ExecuteAsync(connection, definition);
        }
        DatasetGenerator.Log(clock, $"rebuilt {indexes.Count} indexes");
        if (trusted)
        {
            await DatasetGenerator.ExecuteAsync(connection, "SET session_replication_role = origin");
            var orphans = await DatasetGenerator.ScalarAsync(connection,
                """
                SELECT (SELECT count(*) FROM "Cases" c LEFT JOIN "AspNetUsers" u ON u."Id" = c."SubmitterId" WHERE u."Id" IS NULL)
                     + (SELECT count(*) FROM "Cases" c LEFT JOIN "AspNetUsers" u ON u."Id" = c."AssignedToId" WHERE c."AssignedToId" IS NOT NULL AND u."Id" IS NULL)
                     + (SELECT count(*) FROM "CaseTimeline" t LEFT JOIN "Cases" c ON c."Id" = t."CaseId" WHERE c."Id" IS NULL)
                     + (SELECT count(*) FROM "CaseDetails" d LEFT JOIN "Cases" c ON c."Id" = d."CaseId" WHERE c."Id" IS NULL)
                """);
            if (orphans != 0)
            {
                throw new InvalidOperationException($"{orphans} generated rows point at rows that do not exist.");
            }
        }
        foreach (var table in new[] { "Cases", "CaseTimeline", "CaseDetails", "CasePauses" })
        {
            await DatasetGenerator.ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT coalesce(max(\"Id\"), 0) + 1 FROM \"{table}\"), false)");
        }
        await DatasetGenerator.ExecuteAsync(connection, "VACUUM (ANALYZE)");
        await DatasetGenerator.ExecuteAsync(connection, "CHECKPOINT");
        DatasetGenerator.Log(clock, "checked references, vacuumed and analysed");

        var queueOfficers = Enumerable.Range(0, OfficersPerAgency).Select(k => string.Format(System.Globalization.CultureInfo.InvariantCulture, OfficerEmail, 0, k)).ToList();
        var dataset = new CasesDataset(caseCount, userCount, agencies.Count * OfficersPerAgency, timeline, details, openTotal,
            agencies[0].Id, agencies[0].Code, queueOpen, queueOfficers, openBy,
            counters.ToDictionary(c => $"{c.Key.Item1}-{c.Key.Item2}", c => c.Value),
            "/ar/staff/cases", "/ar/staff/cases?q=" + Uri.EscapeDataString(SearchTerm), SearchTerm,
            "/ar/complaints/new/government-service", DatasetGenerator.UserEmailFormat, DatasetGenerator.Password,
            Math.Round(clock.Elapsed.TotalSeconds, 1));
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(dataset, Json.Options));
        DatasetGenerator.Log(clock, $"wrote {outFile}");
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held by the closing sink; /tmp is cleaned by the OS.
        }
        return 0;
    }

    /// <summary>A submission time whose due day (the portal's calendar) puts the case in its category.</summary>
    private static DateTime Submitted(Category category, DateTime now, Random random, WorkingDayCalendar calendar, DateOnly today, DateOnly soon)
    {
        if (category == Category.Closed)
        {
            return now.AddDays(-30 - random.NextDouble() * 1065);
        }
        var (from, to) = category switch
        {
            Category.NotDue => (0.05, 10.0),
            Category.DueSoon or Category.DueSoonReminded => (9.0, 17.0),
            Category.Overdue or Category.OverdueEscalated => (14.0, 60.0),
            Category.Responded => (2.0, 30.0),
            _ => (2.0, 20.0),
        };
        for (var attempt = 0; ; attempt++)
        {
            var at = now.AddDays(-(from + random.NextDouble() * (to - from)));
            var due = calendar.AddWorkingDays(at, CaseRules.ResponseWorkingDays).Due;
            var fits = category switch
            {
                Category.NotDue => due > soon,
                Category.DueSoon or Category.DueSoonReminded => due >= today && due <= soon,
                Category.Overdue or Category.OverdueEscalated => due < today,
                _ => true,
            };
            if (fits || attempt > 200)
            {
                return at;
            }
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, object? value, NpgsqlDbType type) => value switch
    {
        null => writer.WriteNullAsync(),
        Guid g => writer.WriteAsync(g, type),
        DateTime d => writer.WriteAsync(d, type),
        int n => writer.WriteAsync(n, type),
        string t => writer.WriteAsync(t, type),
        _ => throw new ArgumentException("unexpected type " + value.GetType()),
    };
}
