using System.Diagnostics;
using System.Text.Json;
using EParticipation.Web.Areas.Admin;
using EParticipation.Web.Areas.Consultations;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EParticipation.Bench.DataGenerator;

internal sealed record GeneratorSizes(int Consultations = 1_000, int Comments = 1_000_000, int Users = 50_000, int PageComments = 10_000);

/// <summary>What the load script needs to know about the generated data (written as dataset.json).</summary>
internal sealed record Dataset(
    int Consultations,
    int Comments,
    int Users,
    int Supports,
    int Follows,
    int Articles,
    int OpenConsultations,
    int PageConsultationId,
    int PagePublishedComments,
    int SubmitConsultationId,
    IReadOnlyList<int> SubmitArticleIds,
    string ListPath,
    string PagePath,
    string UserEmailFormat,
    string Password,
    double Seconds);

/// <summary>
/// Fills an empty portal database on PostgreSQL: the portal's own migrations and reference seeders first
/// (through its own services), then 1,000 consultations through the domain (Describe, Schedule), and
/// participants, comments, supports and follows with binary COPY. Counters are computed from the rows
/// written, so the pages show what the tables hold. Deterministic for a given seed and size, except for
/// the dates, which are laid out around the moment it runs so that "open" means open when the load runs.
/// </summary>
internal static class DatasetGenerator
{
    public const string Password = "Bench-Portal-2026";
    public const string UserEmailFormat = "participant{0:D5}@bench.portal.test";
    private static readonly System.Text.CompositeFormat EmailFormat = System.Text.CompositeFormat.Parse(UserEmailFormat);
    private const int Seed = 20261125;
    private const int SupporterStride = 7919; // a prime: start + j*stride visits distinct users

    public static async Task<int> RunAsync(string connectionString, string outFile, GeneratorSizes sizes)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTime.UtcNow;
        var dataFolder = Path.Combine(Path.GetTempPath(), "ep-bench-generator-" + Guid.NewGuid().ToString("N"));

        // The portal's own start-up path: migrations, then the reference seeders (agencies, sectors, groups, roles).
        await using var app = BuildPortal(connectionString, dataFolder);
        await app.Services.GetRequiredService<DatabaseInitializer>().StartingAsync(CancellationToken.None);
        Log(clock, "migrated and seeded reference data");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Consultations.AnyAsync() || await db.Users.AnyAsync())
        {
            await Console.Error.WriteLineAsync("The database already holds consultations or accounts; the generator fills an empty portal database.");
            return 1;
        }
        var agencies = await db.Agencies.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        var sectors = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
        var groups = await db.TargetGroups.OrderBy(g => g.Id).Select(g => g.Id).ToListAsync();
        var hash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ApplicationUser>>().HashPassword(new ApplicationUser(), Password);

        var text = new TextGenerator(Seed);
        var random = text.Random;

        // --- participants ---------------------------------------------------------------------
        var users = new (Guid Id, string Name)[sizes.Users];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = (NewGuid(random), text.PersonName());
        }

        // --- consultations, articles and the plan of their comments ----------------------------
        var plans = PlanConsultations(sizes, now, random, agencies, sectors, groups);
        var comments = PlanComments(sizes, plans, now, random);
        Log(clock, $"planned {plans.Count} consultations and {comments.Length:N0} comments");

        var entities = BuildConsultations(plans, text);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in entities.Chunk(100))
        {
            db.Consultations.AddRange(chunk);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        // An archived consultation has its published summary report ("you said, we did").
        foreach (var (plan, consultation) in plans.Zip(entities).Where(p => p.First.State == PlanState.Archived))
        {
            db.ConsultationReports.Add(new ConsultationReport
            {
                ConsultationId = consultation.Id,
                Narrative = new LocalizedText(
                    "شكراً لجميع المشاركين. راجعت الجهة كل الملاحظات، وأخذت بعدد منها في الصيغة النهائية، ويبين هذا التقرير ما تقرر بشأن كل ملاحظة.",
                    "Thank you to everyone who took part. The agency reviewed every comment and adopted several in the final text; this report shows what was decided on each."),
                CreatedAt = plan.ReportPublishedAt!.Value.AddDays(-3),
                UpdatedAt = plan.ReportPublishedAt!.Value,
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Log(clock, $"inserted consultations ({entities.Sum(c => c.Articles.Count)} articles) through the domain, and the archived ones' reports");

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var trusted = await TryExecuteAsync(connection, "SET session_replication_role = replica");
        var tables = new[] { "AspNetUsers", "ConsultationComments", "ConsultationCommentSupports", "Follows" };
        var indexes = await DropSecondaryIndexesAsync(connection, tables);

        await CopyUsersAsync(connection, users, hash, now, random);
        Log(clock, $"copied {users.Length:N0} participants");
        await CopyCommentsAsync(connection, comments, plans, entities, users, text);
        Log(clock, $"copied {comments.Length:N0} comments");
        var supports = await CopySupportsAsync(connection, comments, users, now, random);
        Log(clock, $"copied {supports:N0} supports");
        var follows = await CopyFollowsAsync(connection, comments, entities, users);
        Log(clock, $"copied {follows:N0} follows");

        foreach (var definition in indexes)
        {
            await ExecuteAsync(connection, definition);
        }
        Log(clock, $"rebuilt {indexes.Count} indexes");
        if (trusted)
        {
            await ExecuteAsync(connection, "SET session_replication_role = origin");
            // Foreign keys were not checked row by row during the load; check them once here.
            await CheckReferencesAsync(connection);
        }
        foreach (var (table, column) in new[] { ("ConsultationComments", "Id"), ("Follows", "Id") })
        {
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), (SELECT max(\"{column}\") FROM \"{table}\"))");
        }
        await ExecuteAsync(connection, "VACUUM (ANALYZE)");
        await ExecuteAsync(connection, "CHECKPOINT");
        Log(clock, "checked references, vacuumed and analysed");

        var page = entities[0];
        var submit = entities[1];
        var dataset = new Dataset(
            entities.Count,
            comments.Length,
            users.Length,
            supports,
            follows,
            entities.Sum(c => c.Articles.Count),
            plans.Count(p => p.State == PlanState.Open),
            page.Id,
            page.CommentCount,
            submit.Id,
            submit.Articles.OrderBy(a => a.Number).Select(a => a.Id).ToList(),
            "/ar/consultations",
            $"/ar/consultations/{page.Id}",
            UserEmailFormat,
            Password,
            Math.Round(clock.Elapsed.TotalSeconds, 1));
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(dataset, Json.Options));
        Log(clock, $"wrote {outFile}");
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

    /// <summary>The portal's services on the benchmark database, as production configures them (no background jobs run: the host is not started).</summary>
    internal static WebApplication BuildPortal(string connectionString, string dataFolder)
    {
        var builder = WebApplication.CreateBuilder(["--environment", "Production"]);
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Database:ConnectionString"] = connectionString;
        builder.Configuration["Portal:DataFolder"] = dataFolder;
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Notifications:DigestEnabled"] = "false";
        builder.Configuration["Seeds:DemoData"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddPortalPlatform();
        builder.Services.AddAdministration();
        builder.Services.AddConsultations();
        return builder.Build();
    }

    // --- plans -----------------------------------------------------------------------------------

    internal enum PlanState
    {
        Draft,
        Planned,
        Open,
        Closed,
        Archived,
    }

    internal sealed class ConsultationPlan
    {
        public int Index { get; init; }

        public PlanState State { get; init; }

        public ConsultationKind Kind { get; init; }

        public ModerationMode Moderation { get; init; }

        public int AgencyId { get; init; }

        public int SectorId { get; init; }

        public int Subject { get; init; }

        public int Edition { get; init; }

        public DateTime? PublishAt { get; init; }

        public DateTime OpensAt { get; init; }

        public DateTime ClosesAt { get; init; }

        public DateTime? ReportPublishedAt { get; init; }

        public int Articles { get; init; }

        public List<int> Groups { get; } = [];

        public bool Questionnaire { get; init; }

        public int CommentTarget { get; set; }

        public int[] ArticlePublished { get; set; } = [];

        public int Published { get; set; }

        public int GeneralPublished { get; set; }
    }

    /// <summary>One planned comment row; the text is drawn when it is written, in id order.</summary>
    internal struct CommentPlan
    {
        public int Consultation;
        public int Article; // -1: the whole draft
        public int Author;
        public CommentStatus Status;
        public long CreatedTicks;
        public int EditedMinutes; // 0: never edited
        public int ModeratedMinutes; // 0: not moderated
        public int Supports;
        public int SupportStart;
    }

    private static List<ConsultationPlan> PlanConsultations(GeneratorSizes sizes, DateTime now, Random random, List<int> agencies, List<int> sectors, List<int> groups)
    {
        // 20% open, 5% planned, 63% closed, 11% archived, 1% drafts: a portal some years into its life.
        var states = new List<PlanState>();
        void Add(PlanState state, double share)
        {
            for (var i = 0; i < (int)Math.Round(sizes.Consultations * share); i++)
            {
                states.Add(state);
            }
        }
        Add(PlanState.Open, 0.20);
        Add(PlanState.Planned, 0.05);
        Add(PlanState.Archived, 0.11);
        Add(PlanState.Draft, 0.01);
        while (states.Count < sizes.Consultations)
        {
            states.Add(PlanState.Closed);
        }
        states = states.Take(sizes.Consultations).ToList();
        // The first two are the benchmark's own (both open); the rest are shuffled.
        states.Remove(PlanState.Open);
        states.Remove(PlanState.Open);
        Shuffle(states, random);
        states.InsertRange(0, [PlanState.Open, PlanState.Open]);

        var plans = new List<ConsultationPlan>(states.Count);
        var editions = new Dictionary<int, int>();
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            var kind = i switch
            {
                0 => ConsultationKind.Regulation,
                1 => ConsultationKind.Policy,
                _ => random.Next(100) switch
                {
                    < 15 => ConsultationKind.Law,
                    < 50 => ConsultationKind.Regulation,
                    < 60 => ConsultationKind.Strategy,
                    < 80 => ConsultationKind.Policy,
                    < 90 => ConsultationKind.Initiative,
                    _ => ConsultationKind.Service,
                },
            };
            DateTime? publish;
            DateTime opens;
            DateTime closes;
            DateTime? report = null;
            switch (state)
            {
                case PlanState.Open:
                    opens = now.AddDays(-1 - random.NextDouble() * 40);
                    // The benchmark's two stay open well past any run.
                    closes = i < 2 ? now.AddDays(60) : now.AddDays(5 + random.NextDouble() * 40);
                    publish = opens.AddDays(-random.NextDouble() * 3);
                    break;
                case PlanState.Planned:
                    opens = now.AddDays(1 + random.NextDouble() * 30);
                    closes = opens.AddDays(30 + random.NextDouble() * 30);
                    publish = now.AddDays(-random.NextDouble() * 5);
                    break;
                case PlanState.Draft:
                    opens = now.AddDays(10 + random.NextDouble() * 30);
                    closes = opens.AddDays(30);
                    publish = null;
                    break;
                default:
                    var closedDaysAgo = state == PlanState.Archived ? 70 + random.NextDouble() * 1000 : 1 + random.NextDouble() * 1100;
                    closes = now.AddDays(-closedDaysAgo);
                    opens = closes.AddDays(-(30 + random.NextDouble() * 30));
                    publish = opens.AddDays(-random.NextDouble() * 3);
                    if (state == PlanState.Archived)
                    {
                        report = closes.AddDays(10 + random.NextDouble() * 50);
                    }
                    break;
            }
            var subject = random.Next(TextGenerator.Subjects.Length);
            var edition = editions.TryGetValue(subject, out var e) ? e + 1 : 0;
            editions[subject] = edition;
            var plan = new ConsultationPlan
            {
                Index = i,
                State = state,
                Kind = kind,
                // A fifth of the agencies' consultations are pre-moderated; the benchmark's two are not.
                Moderation = i >= 2 && random.Next(5) == 0 ? ModerationMode.PreModeration : ModerationMode.PostModeration,
                AgencyId = agencies[Skewed(random, agencies.Count, 1.5)],
                SectorId = sectors[random.Next(sectors.Count)],
                Subject = subject,
                Edition = edition,
                PublishAt = publish is { } p ? Minute(p) : null,
                OpensAt = Minute(opens),
                ClosesAt = Minute(closes),
                ReportPublishedAt = report is { } r ? Minute(r) : null,
                Articles = i switch { 0 => 8, 1 => 5, _ => 3 + random.Next(10) },
                Questionnaire = i == 0 || random.Next(5) == 0,
            };
            var groupCount = i == 0 ? 2 : random.Next(4);
            foreach (var g in groups.OrderBy(_ => random.Next()).Take(groupCount))
            {
                plan.Groups.Add(g);
            }
            plans.Add(plan);
        }
        return plans;
    }

    private static CommentPlan[] PlanComments(GeneratorSizes sizes, List<ConsultationPlan> plans, DateTime now, Random random)
    {
        // The page benchmark's consultation: exactly PageComments published, and some that are not.
        const int pageHidden = 200;
        const int submitExisting = 300;
        var eligible = plans.Where(p => p.Index >= 2 && p.State is PlanState.Open or PlanState.Closed or PlanState.Archived).ToList();
        plans[0].CommentTarget = sizes.PageComments + pageHidden;
        plans[1].CommentTarget = submitExisting;
        var remaining = sizes.Comments - plans[0].CommentTarget - plans[1].CommentTarget;
        // Interest follows a long tail (a few drafts draw thousands, most a few hundred); an open
        // consultation has only had part of its time.
        var weights = eligible.Select(p =>
        {
            var w = Math.Exp(Gaussian(random) * 1.1);
            if (p.State == PlanState.Open)
            {
                w *= Math.Clamp((now - p.OpensAt).TotalDays / (p.ClosesAt - p.OpensAt).TotalDays, 0.05, 1);
            }
            return w;
        }).ToArray();
        var total = weights.Sum();
        var assigned = 0;
        for (var i = 0; i < eligible.Count; i++)
        {
            eligible[i].CommentTarget = (int)(remaining * weights[i] / total);
            assigned += eligible[i].CommentTarget;
        }
        for (var i = 0; assigned < remaining; i = (i + 1) % eligible.Count)
        {
            eligible[i].CommentTarget++;
            assigned++;
        }

        var comments = new CommentPlan[sizes.Comments];
        var n = 0;
        foreach (var plan in plans.Where(p => p.CommentTarget > 0))
        {
            plan.ArticlePublished = new int[plan.Articles];
            var articleWeights = Enumerable.Range(0, plan.Articles).Select(k => 1 / Math.Sqrt(k + 1)).ToArray();
            var articleTotal = articleWeights.Sum();
            var start = plan.OpensAt;
            var end = plan.ClosesAt < now ? plan.ClosesAt : now.AddMinutes(-1);
            var span = (end - start).Ticks;
            for (var k = 0; k < plan.CommentTarget; k++)
            {
                var c = new CommentPlan { Consultation = plan.Index };
                c.Article = random.Next(100) < 12 ? -1 : PickWeighted(random, articleWeights, articleTotal);
                c.Author = Skewed(random, sizes.Users, 1.6);
                // Comments bunch up after opening and before closing.
                var u = random.NextDouble();
                var position = random.Next(2) == 0 ? u * u : 1 - u * u;
                c.CreatedTicks = start.Ticks + (long)(span * position);
                c.Status = plan.Index == 0
                    ? (k < sizes.PageComments ? CommentStatus.Published : (CommentStatus)random.Next(2, 5))
                    : Status(plan, random);
                if (random.Next(100) < 3 && c.Status != CommentStatus.Withdrawn)
                {
                    c.EditedMinutes = 1 + random.Next(120);
                }
                var moderated = c.Status == CommentStatus.Rejected
                    || (c.Status == CommentStatus.Published && plan.Moderation == ModerationMode.PreModeration);
                if (moderated)
                {
                    c.ModeratedMinutes = 10 + random.Next(48 * 60);
                }
                if (c.Status == CommentStatus.Published)
                {
                    var wanted = random.Next(100) switch
                    {
                        < 70 => 0,
                        < 90 => 1 + random.Next(3),
                        < 98 => 4 + random.Next(12),
                        _ => 16 + random.Next(105),
                    };
                    c.SupportStart = random.Next(sizes.Users);
                    c.Supports = wanted;
                    for (var j = 0; j < wanted; j++)
                    {
                        // Nobody supports their own comment (ParticipationService refuses it).
                        if (Supporter(c.SupportStart, j, sizes.Users) == c.Author)
                        {
                            c.Supports--;
                        }
                    }
                    plan.Published++;
                    if (c.Article < 0)
                    {
                        plan.GeneralPublished++;
                    }
                    else
                    {
                        plan.ArticlePublished[c.Article]++;
                    }
                }
                comments[n++] = c;
            }
        }
        Debug.Assert(n == comments.Length);
        // Ids follow time, as they do when people post.
        Array.Sort(comments, (a, b) => a.CreatedTicks.CompareTo(b.CreatedTicks));
        return comments;
    }

    private static CommentStatus Status(ConsultationPlan plan, Random random)
    {
        var roll = random.Next(1000);
        if (plan.Moderation == ModerationMode.PostModeration)
        {
            return roll switch
            {
                < 950 => CommentStatus.Published,
                // A report is published only once no comment waits for a moderator (SummaryReports).
                < 960 when plan.State != PlanState.Archived => CommentStatus.Hidden,
                < 960 => CommentStatus.Rejected,
                < 975 => CommentStatus.Rejected,
                _ => CommentStatus.Withdrawn,
            };
        }
        return roll switch
        {
            < 30 when plan.State == PlanState.Open => CommentStatus.Pending,
            < 880 => CommentStatus.Published,
            < 970 => CommentStatus.Rejected,
            _ => CommentStatus.Withdrawn,
        };
    }

    private static List<Consultation> BuildConsultations(List<ConsultationPlan> plans, TextGenerator text)
    {
        var random = text.Random;
        var result = new List<Consultation>(plans.Count);
        foreach (var plan in plans)
        {
            var subject = TextGenerator.Subjects[plan.Subject];
            var kindGroup = plan.Kind switch { ConsultationKind.Law => 0, ConsultationKind.Regulation => 1, _ => 2 };
            var title = text.Title(kindGroup, subject, plan.Edition);
            var summary = text.Summary(subject);
            var created = (plan.PublishAt ?? DateTime.UtcNow).AddDays(-2 - random.Next(10));
            var consultation = new Consultation
            {
                AgencyId = plan.AgencyId,
                SectorId = plan.SectorId,
                Kind = plan.Kind,
                Moderation = plan.Moderation,
                ReportPublishedAt = plan.ReportPublishedAt,
                CommentCount = plan.Published,
                GeneralCommentCount = plan.GeneralPublished,
                CreatedAt = created,
                UpdatedAt = created,
            };
            consultation.Describe(new LocalizedText(title.Ar, title.En), new LocalizedText(summary.Ar, summary.En));
            consultation.Schedule(plan.PublishAt, plan.OpensAt, plan.ClosesAt);
            foreach (var group in plan.Groups)
            {
                consultation.TargetGroups.Add(new ConsultationTargetGroup { TargetGroupId = group });
            }
            for (var number = 1; number <= plan.Articles; number++)
            {
                var heading = text.ArticleHeading(number);
                var body = text.ArticleBody(subject.Ar);
                consultation.Articles.Add(new Article
                {
                    Number = number,
                    Heading = new LocalizedText(heading.Ar, heading.En),
                    Body = new LocalizedText(body.Ar, body.En),
                    CommentCount = plan.ArticlePublished.Length == 0 ? 0 : plan.ArticlePublished[number - 1],
                });
            }
            if (plan.Questionnaire)
            {
                consultation.Questions.Add(new Question
                {
                    Position = 1,
                    Type = QuestionType.SingleChoice,
                    Required = true,
                    Text = new LocalizedText("هل تؤيد المشروع بصيغته الحالية؟", "Do you support the draft as it stands?"),
                    Options =
                    [
                        new QuestionOption { Position = 1, Text = new LocalizedText("أؤيد", "I support it") },
                        new QuestionOption { Position = 2, Text = new LocalizedText("أؤيد مع تعديلات", "I support it with changes") },
                        new QuestionOption { Position = 3, Text = new LocalizedText("لا أؤيد", "I do not support it") },
                    ],
                });
                consultation.Questions.Add(new Question { Position = 2, Type = QuestionType.Scale, Required = false, Text = new LocalizedText("ما مدى وضوح صياغة المشروع؟", "How clear is the draft's wording?") });
                consultation.Questions.Add(new Question { Position = 3, Type = QuestionType.FreeText, Required = false, Text = new LocalizedText("ما أهم ما تقترح تغييره؟", "What would you change first?") });
            }
            result.Add(consultation);
        }
        return result;
    }

    // --- COPY ------------------------------------------------------------------------------------

    internal static async Task CopyUsersAsync(NpgsqlConnection connection, (Guid Id, string Name)[] users, string hash, DateTime now, Random random)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "AspNetUsers" ("Id", "FullName", "AccountType", "CommercialRegistrationNumber", "PreferredLanguage", "AgencyId", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < users.Length; i++)
        {
            var email = string.Format(System.Globalization.CultureInfo.InvariantCulture, EmailFormat, i);
            var type = random.Next(100) switch
            {
                < 70 => AccountType.Citizen,
                < 90 => AccountType.Resident,
                < 98 => AccountType.Visitor,
                _ => AccountType.Business,
            };
            await writer.StartRowAsync();
            await writer.WriteAsync(users[i].Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(users[i].Name, NpgsqlDbType.Varchar);
            await writer.WriteAsync(type.ToString(), NpgsqlDbType.Varchar);
            if (type == AccountType.Business)
            {
                await writer.WriteAsync("10" + random.Next(10_000_000, 99_999_999), NpgsqlDbType.Varchar);
            }
            else
            {
                await writer.WriteNullAsync();
            }
            await writer.WriteAsync(random.Next(100) < 85 ? "ar" : "en", NpgsqlDbType.Varchar);
            await writer.WriteNullAsync();
            await writer.WriteAsync(now.AddDays(-1300 - random.NextDouble() * 500), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(email, NpgsqlDbType.Varchar);
            await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(email, NpgsqlDbType.Varchar);
            await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(hash, NpgsqlDbType.Text);
            await writer.WriteAsync(NewGuid(random).ToString("N").ToUpperInvariant(), NpgsqlDbType.Text);
            await writer.WriteAsync(NewGuid(random).ToString(), NpgsqlDbType.Text);
            await writer.WriteNullAsync();
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteNullAsync();
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
    }

    private static readonly string[] RejectionReasons =
    [
        "يتضمن التعليق عبارات مسيئة تخالف إرشادات المشاركة.",
        "التعليق لا يتعلق بموضوع المشروع.",
        "يتضمن التعليق بيانات شخصية.",
        "إعلان تجاري.",
    ];

    private static async Task CopyCommentsAsync(NpgsqlConnection connection, CommentPlan[] comments, List<ConsultationPlan> plans, List<Consultation> consultations, (Guid Id, string Name)[] users, TextGenerator text)
    {
        var random = text.Random;
        var articleIds = consultations.Select(c => c.Articles.OrderBy(a => a.Number).Select(a => a.Id).ToArray()).ToArray();
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "ConsultationComments" ("Id", "ConsultationId", "ArticleId", "AuthorId", "DisplayName", "Body", "SearchText", "Status", "SubmissionKey", "CreatedAt", "EditedAt", "ModeratedAt", "ModeratedById", "RejectionReason", "SupportCount", "Disposition", "DispositionAt", "ResponseAr", "ResponseEn") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < comments.Length; i++)
        {
            var c = comments[i];
            var created = new DateTime(c.CreatedTicks, DateTimeKind.Utc);
            await writer.StartRowAsync();
            await writer.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
            await writer.WriteAsync(consultations[c.Consultation].Id, NpgsqlDbType.Integer);
            if (c.Article < 0)
            {
                await writer.WriteNullAsync();
            }
            else
            {
                await writer.WriteAsync(articleIds[c.Consultation][c.Article], NpgsqlDbType.Integer);
            }
            await writer.WriteAsync(users[c.Author].Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(text.DisplayName(users[c.Author].Name), NpgsqlDbType.Varchar);
            // The entity computes the normalised search text from the body (one normaliser, ArabicText).
            var body = new Comment { Body = text.Comment() };
            await writer.WriteAsync(body.Body, NpgsqlDbType.Varchar);
            await writer.WriteAsync(body.SearchText, NpgsqlDbType.Varchar);
            await writer.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(NewGuid(random), NpgsqlDbType.Uuid);
            await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
            await WriteTimeAsync(writer, c.EditedMinutes, created);
            await WriteTimeAsync(writer, c.ModeratedMinutes, created);
            await writer.WriteNullAsync();
            if (c.Status == CommentStatus.Rejected)
            {
                await writer.WriteAsync(text.Pick(RejectionReasons), NpgsqlDbType.Varchar);
            }
            else
            {
                await writer.WriteNullAsync();
            }
            await writer.WriteAsync(c.Supports, NpgsqlDbType.Integer);
            // A published report answers every published comment (SummaryReports refuses to publish otherwise).
            var plan = plans[c.Consultation];
            if (plan.State == PlanState.Archived && c.Status == CommentStatus.Published)
            {
                var (disposition, ar, en) = text.Pick(Dispositions);
                await writer.WriteAsync(disposition.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(plan.ReportPublishedAt!.Value.AddDays(-5), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(ar, NpgsqlDbType.Varchar);
                await writer.WriteAsync(en, NpgsqlDbType.Varchar);
            }
            else
            {
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
                await writer.WriteAsync("", NpgsqlDbType.Varchar);
                await writer.WriteAsync("", NpgsqlDbType.Varchar);
            }
        }
        await writer.CompleteAsync();
    }

    private static readonly (CommentDisposition, string, string)[] Dispositions =
    [
        (CommentDisposition.Accepted, "أُخذ بالملاحظة وعُدّلت المادة.", "Adopted; the article was amended."),
        (CommentDisposition.PartlyAccepted, "أُخذ بجزء من الملاحظة.", "Partly adopted."),
        (CommentDisposition.NotAccepted, "لم يؤخذ بالملاحظة لتعارضها مع الأنظمة القائمة.", "Not adopted: it conflicts with existing law."),
        (CommentDisposition.OutOfScope, "الملاحظة خارج نطاق المشروع.", "Outside the draft's scope."),
    ];

    private static async Task WriteTimeAsync(NpgsqlBinaryImporter writer, int minutesAfter, DateTime created)
    {
        if (minutesAfter == 0)
        {
            await writer.WriteNullAsync();
            return;
        }
        var at = created.AddMinutes(minutesAfter);
        var latest = DateTime.UtcNow;
        await writer.WriteAsync(at < latest ? at : latest, NpgsqlDbType.TimestampTz);
    }

    private static async Task<int> CopySupportsAsync(NpgsqlConnection connection, CommentPlan[] comments, (Guid Id, string Name)[] users, DateTime now, Random random)
    {
        var count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "ConsultationCommentSupports" ("CommentId", "UserId", "CreatedAt") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < comments.Length; i++)
        {
            var c = comments[i];
            if (c.Supports == 0)
            {
                continue;
            }
            // The same walk over participants as the plan, skipping the author as the plan did.
            for (int j = 0, left = c.Supports; left > 0; j++)
            {
                var user = Supporter(c.SupportStart, j, users.Length);
                if (user == c.Author)
                {
                    continue;
                }
                var at = new DateTime(c.CreatedTicks, DateTimeKind.Utc).AddHours(random.NextDouble() * 72);
                await writer.StartRowAsync();
                await writer.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
                await writer.WriteAsync(users[user].Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(at < now ? at : now, NpgsqlDbType.TimestampTz);
                count++;
                left--;
            }
        }
        await writer.CompleteAsync();
        return count;
    }

    private static async Task<int> CopyFollowsAsync(NpgsqlConnection connection, CommentPlan[] comments, List<Consultation> consultations, (Guid Id, string Name)[] users)
    {
        // Commenting follows the consultation (ParticipationService), once per participant and consultation.
        var seen = new HashSet<long>();
        var id = 0L;
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "Follows" ("Id", "UserId", "Kind", "TargetId", "CreatedAt") FROM STDIN (FORMAT BINARY)""");
        foreach (var c in comments)
        {
            if (!seen.Add(((long)c.Author << 20) | (uint)c.Consultation))
            {
                continue;
            }
            await writer.StartRowAsync();
            await writer.WriteAsync(++id, NpgsqlDbType.Bigint);
            await writer.WriteAsync(users[c.Author].Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(FollowKinds.Consultation, NpgsqlDbType.Varchar);
            await writer.WriteAsync(consultations[c.Consultation].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
            await writer.WriteAsync(new DateTime(c.CreatedTicks, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
        return (int)id;
    }

    // --- SQL helpers -----------------------------------------------------------------------------

    /// <summary>Drops the secondary indexes of the bulk tables (not keys) and returns their definitions to rebuild after.</summary>
    internal static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, string[] tables)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in definitions)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        }
        return definitions.Select(d => d.Definition).ToList();
    }

    private static async Task CheckReferencesAsync(NpgsqlConnection connection)
    {
        var orphans = await ScalarAsync(connection,
            """
            SELECT (SELECT count(*) FROM "ConsultationComments" c LEFT JOIN "AspNetUsers" u ON u."Id" = c."AuthorId" WHERE u."Id" IS NULL)
                 + (SELECT count(*) FROM "ConsultationComments" c LEFT JOIN "Consultations" k ON k."Id" = c."ConsultationId" WHERE k."Id" IS NULL)
                 + (SELECT count(*) FROM "ConsultationComments" c LEFT JOIN "ConsultationArticles" a ON a."Id" = c."ArticleId" WHERE c."ArticleId" IS NOT NULL AND (a."Id" IS NULL OR a."ConsultationId" <> c."ConsultationId"))
                 + (SELECT count(*) FROM "ConsultationCommentSupports" s LEFT JOIN "ConsultationComments" c ON c."Id" = s."CommentId" WHERE c."Id" IS NULL)
                 + (SELECT count(*) FROM "ConsultationCommentSupports" s LEFT JOIN "AspNetUsers" u ON u."Id" = s."UserId" WHERE u."Id" IS NULL)
                 + (SELECT count(*) FROM "Follows" f LEFT JOIN "AspNetUsers" u ON u."Id" = f."UserId" WHERE u."Id" IS NULL)
            """);
        if (orphans != 0)
        {
            throw new InvalidOperationException($"{orphans} generated rows point at rows that do not exist.");
        }
        var counters = await ScalarAsync(connection,
            """
            SELECT count(*) FROM "Consultations" k
            WHERE k."CommentCount" <> (SELECT count(*) FROM "ConsultationComments" c WHERE c."ConsultationId" = k."Id" AND c."Status" = 'Published')
               OR k."GeneralCommentCount" <> (SELECT count(*) FROM "ConsultationComments" c WHERE c."ConsultationId" = k."Id" AND c."ArticleId" IS NULL AND c."Status" = 'Published')
            """);
        counters += await ScalarAsync(connection,
            """
            SELECT count(*) FROM "ConsultationArticles" a
            WHERE a."CommentCount" <> (SELECT count(*) FROM "ConsultationComments" c WHERE c."ArticleId" = a."Id" AND c."Status" = 'Published')
            """);
        counters += await ScalarAsync(connection,
            """
            SELECT count(*) FROM "ConsultationComments" c
            WHERE c."SupportCount" <> (SELECT count(*) FROM "ConsultationCommentSupports" s WHERE s."CommentId" = c."Id")
            """);
        if (counters != 0)
        {
            throw new InvalidOperationException($"{counters} counters disagree with the rows they count.");
        }
    }

    internal static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<bool> TryExecuteAsync(NpgsqlConnection connection, string sql)
    {
        try
        {
            await ExecuteAsync(connection, sql);
            return true;
        }
        catch (PostgresException)
        {
            // Not a superuser: foreign keys are then checked row by row, which is slower but the same.
            return false;
        }
    }

    // --- randomness ------------------------------------------------------------------------------

    internal static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static int Supporter(int start, int j, int users) => (int)((start + (long)j * SupporterStride) % users);

    /// <summary>An index in [0, count) that favours small values: some participants and agencies are far more active.</summary>
    private static int Skewed(Random random, int count, double power) => Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), power)));

    private static int PickWeighted(Random random, double[] weights, double total)
    {
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static DateTime Minute(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    internal static void Log(Stopwatch clock, string message) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}");
}
