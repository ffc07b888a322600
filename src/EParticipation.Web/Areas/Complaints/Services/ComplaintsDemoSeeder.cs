using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>
/// Demo complaints to the Ministry of Human Resources, so the demo's case officer
/// (officer.hrsd@demo.portal.test) has a queue to work (overdue, due soon, awaiting the citizen's
/// information, answered), the demo citizen has cases in "My cases", and the performance dashboard
/// has case figures for the agency. Each step goes through <see cref="CaseWorkflow"/> at its own past
/// moment, so due days, the paused clock and the working days to the answer are what they would have
/// been. A case is identified by its fixed submission key: imported again, nothing is added.
/// </summary>
public sealed class ComplaintsDemoSeeder(
    TrackingNumbers numbers,
    WorkingDays workingDays,
    CaseEmails emails,
    AuditLog audit,
    AgencyDirectory agencies,
    TimeProvider clock) : IDataSeeder
{
    public const string Agency = "hrsd";

    public int Order => 280;

    public bool DemoOnly => true;

    private sealed record DemoComplaint(int DaysAgo, bool ByDemoCitizen, string Subject, string Description, Func<Steps, Task>? Then = null);

    /// <summary>What happens to a demo case after it is submitted, each step some days after submission.</summary>
    private sealed class Steps(Func<int, CaseWorkflow> at, Case c, Guid officer)
    {
        public Task Assign(int day) => Do(at(day).AssignAsync(c, officer, officer), "assigned");

        public Task Note(int day, string note) => Do(at(day).AddNoteAsync(c, note, officer), "noted");

        public Task Ask(int day, string question) => Do(at(day).RequestInformationAsync(c, question, officer), "asked for information");

        public Task Answer(int day, string response) => Do(at(day).RespondAsync(c, response, officer), "answered");

        public Task Close(int day, CaseEndState state, string? message = null) => Do(at(day).CloseAsync(c, state, message, officer), "closed");

        public Task Rate(int day, int stars, string? comment) => Do(at(day).RateAsync(c, stars, comment), "rated");

        // A step the workflow refuses is a mistake in this list, not something to skip quietly.
        private async Task Do(Task<bool> step, string what)
        {
            if (!await step)
            {
                throw new InvalidOperationException($"Demo case {c.TrackingNumber} could not be {what}.");
            }
        }
    }

    private static readonly DemoComplaint[] Complaints =
    [
        new(28, false, "تأخر صرف الضمان الاجتماعي لشهرين", "لم يُصرف لي مبلغ الضمان الاجتماعي منذ شهرين دون أي إشعار، ووضع الطلب في المنصة «قيد المراجعة»."),
        new(12, true, "تكرار طلب المستندات نفسها في طلب بطاقة الإعاقة", "قدّمت التقرير الطبي ثلاث مرات، وفي كل مرة يُطلب مني رفعه من جديد دون توضيح ما الخطأ فيه.",
            async s => await s.Assign(1)),
        new(3, false, "تعذّر تحديث بيانات الأسرة في منصة الدعم", "تظهر رسالة خطأ عند إضافة مولود جديد إلى بيانات الأسرة، وجربت من الجوال والحاسب.",
            async s => { await s.Assign(0); await s.Note(1, "أُحيلت إلى فريق المنصة التقنية للتحقق من الخلل."); }),
        new(16, true, "عدم الرد على بلاغ عمالي منذ أسابيع", "قدّمت بلاغًا عن تأخر رواتبي لدى منشأة خاصة ولم يصلني أي رد أو موعد.",
            async s => { await s.Assign(1); await s.Ask(3, "نرجو تزويدنا برقم البلاغ العمالي واسم المنشأة كما في العقد."); }),
        new(45, false, "خطأ في احتساب الأهلية للضمان", "احتُسب دخل ابني المتوفى ضمن دخل الأسرة، فأصبحت غير مؤهل.",
            async s => { await s.Assign(1); await s.Answer(6, "صُحّحت بيانات الأسرة وأُعيد احتساب الأهلية، وستُصرف المستحقات في الدورة القادمة."); await s.Close(9, CaseEndState.Resolved); await s.Rate(10, 5, "شكرًا على سرعة المعالجة."); }),
        new(52, true, "تأخر إصدار بطاقة الإعاقة", "مضى على طلبي أكثر من شهر دون إصدار البطاقة.",
            async s => { await s.Assign(2); await s.Answer(7, "صدرت البطاقة ويمكن استلامها من مكتب الوزارة في حي الملز أو عرضها في تطبيق توكلنا."); await s.Close(12, CaseEndState.Resolved); }),
        new(38, false, "تعطل خدمة التطوع الإلكترونية", "لا أستطيع تسجيل ساعات التطوع منذ أسبوع.",
            async s => { await s.Answer(4, "أُصلح الخلل في الخدمة، ونعتذر عن الإزعاج."); await s.Close(8, CaseEndState.Resolved); }),
        new(60, false, "تأخر تحويل القضية العمالية إلى المحكمة", "انتهت مدة التسوية الودية ولم تُحوَّل القضية.",
            async s => { await s.Assign(3); await s.Answer(22, "حُوّلت القضية إلى المحكمة العمالية، وستصلك رسالة بموعد الجلسة."); await s.Close(26, CaseEndState.Resolved); }),
        new(41, false, "عدم احتساب فترة الخدمة السابقة", "لم تُحتسب سنوات عملي في منشأة سابقة ضمن سجلي.",
            async s => { await s.Answer(9, "تبيّن أن المنشأة السابقة لم تسجّلك في تلك الفترة؛ يمكنك تقديم بلاغ عليها."); await s.Close(15, CaseEndState.NotResolved); }),
        new(20, true, "تأخر الرد على طلب نقل الخدمات", "طلب نقل خدماتي إلى صاحب عمل جديد معلّق منذ أسبوعين.",
            async s => { await s.Assign(1); await s.Answer(6, "اعتُمد نقل الخدمات، ويظهر ذلك في حسابك خلال يومين."); }),
        new(33, false, "رسوم مكتب الاستقدام", "أطلب استرداد رسوم دفعتها لمكتب استقدام خاص أغلق أبوابه.",
            async s => await s.Close(4, CaseEndState.NotCompetent, "مكاتب الاستقدام تتبع منصة مساند؛ قدّم شكواك عبرها.")),
    ];

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencyId = await db.Agencies.Where(a => a.Code == Agency).Select(a => a.Id).SingleAsync(cancellationToken);
        var officer = await db.Users.Where(u => u.Email == "officer.hrsd@demo.portal.test").Select(u => u.Id).SingleAsync(cancellationToken);
        var citizen = await db.Users.Where(u => u.Email == "citizen@demo.portal.test").Select(u => u.Id).SingleAsync(cancellationToken);
        // The other complaints come from the demo resident and visitor (Platform's demo accounts), not
        // from another module's demo data.
        var others = await db.Users.Where(u => u.Email == "resident@demo.portal.test" || u.Email == "visitor@demo.portal.test")
            .OrderBy(u => u.Email).Select(u => u.Id).ToListAsync(cancellationToken);
        // Complaints are sent in the Saudi working day (about 10:00 in Riyadh).
        var today = clock.GetUtcNow().UtcDateTime.Date.AddHours(7);
        for (var i = 0; i < Complaints.Length; i++)
        {
            var demo = Complaints[i];
            var submitted = today.AddDays(-demo.DaysAgo);
            // The workflow as it was `day` days after submission (an hour later in the day, so a later step
            // never shares the submission's moment); day 0 is the submission itself.
            CaseWorkflow At(int day) => new(db, numbers, workingDays, emails, audit, agencies, new FixedClock(submitted.AddDays(day).AddHours(day == 0 ? 0 : 1)));
            var submitter = demo.ByDemoCitizen ? citizen : others[i % others.Count];
            var key = new Guid($"00000000-0000-4000-8000-{1448_0000 + i:000000000000}");
            var result = await At(0).SubmitAsync(new NewCase(CaseKind.Complaint, agencyId, submitter, key, demo.Subject, demo.Description, []), cancellationToken);
            if (result.Created && demo.Then is { } then)
            {
                await then(new Steps(At, result.Case, officer));
            }
        }
    }
}
