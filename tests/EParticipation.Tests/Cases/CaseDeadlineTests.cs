using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Cases;

/// <summary>The reminder before the due day and the escalation after it: once per case and level, however many instances run the job.</summary>
public sealed class CaseDeadlineTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    private Task<DeadlineRun[]> RunTwoInstancesAsync() =>
        Task.WhenAll(Enumerable.Range(0, 2).Select(_ => factory.WithScopeAsync(sp => sp.GetRequiredService<CaseDeadlines>().RunAsync())));

    private Task<int> OutboxCountAsync(string to, string trackingNumber) =>
        factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == to && m.Subject.Contains(trackingNumber)));

    [Fact]
    public async Task DeadlineJob_RemindsTheOfficerTwoWorkingDaysBefore_ThenEscalatesOnce_WithTwoInstances()
    {
        const string supervisor = "supervisor@saso.example.test";
        await factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "saso").ExecuteUpdateAsync(u => u.SetProperty(a => a.SupervisorEmail, supervisor)));
        var officer = await TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "saso");
        var submitter = await TestAccounts.CreateAsync(factory);
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, CasesPortal.Riyadh));
        var c = await factory.FileAsync(submitter, agency: "saso");
        Assert.Equal(new DateOnly(2026, 12, 17), c.DueOn);

        // Monday 14 December: due in three working days, too early for the reminder.
        factory.Clock.Set(new DateTimeOffset(2026, 12, 14, 9, 0, 0, CasesPortal.Riyadh));
        await RunTwoInstancesAsync();
        Assert.Equal(0, await OutboxCountAsync(officer.Email!, c.TrackingNumber));

        // Tuesday 15 December: two working days before.
        factory.Clock.Set(new DateTimeOffset(2026, 12, 15, 9, 0, 0, CasesPortal.Riyadh));
        var runs = await RunTwoInstancesAsync();
        await RunTwoInstancesAsync();
        Assert.Equal(1, runs.Sum(r => r.Reminders));
        Assert.Equal(1, await OutboxCountAsync(officer.Email!, c.TrackingNumber));
        Assert.Equal(0, await OutboxCountAsync(supervisor, c.TrackingNumber));

        // Friday 18 December: overdue.
        factory.Clock.Set(new DateTimeOffset(2026, 12, 18, 9, 0, 0, CasesPortal.Riyadh));
        runs = await RunTwoInstancesAsync();
        await RunTwoInstancesAsync();
        Assert.Equal(1, runs.Sum(r => r.Escalations));
        Assert.Equal(1, await OutboxCountAsync(supervisor, c.TrackingNumber));
        var stored = await factory.ReloadAsync(c.Id);
        Assert.Contains(stored.Timeline, e => e.Event == CaseEvent.Escalated && !e.IsPublic);
        Assert.Contains(stored.Timeline, e => e.Event == CaseEvent.ReminderSent && !e.IsPublic);

        // The email itself goes out through the outbox to the supervisor's mailbox.
        var email = await factory.PickupFolder.WaitForAsync(supervisor, e => e.Subject.Contains(c.TrackingNumber, StringComparison.Ordinal));
        Assert.Contains($"/ar/staff/cases/{c.Id}", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineJob_LeavesAPausedCaseAlone()
    {
        var submitter = await TestAccounts.CreateAsync(factory);
        var officer = await TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "saip");
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, CasesPortal.Riyadh));
        var c = await factory.FileAsync(submitter, agency: "saip");
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            var tracked = await db.Cases.Include(x => x.Pauses).SingleAsync(x => x.Id == c.Id);
            return await sp.GetRequiredService<CaseWorkflow>().RequestInformationAsync(tracked, "ما رقم الطلب؟", officer.Id);
        });

        factory.Clock.Set(new DateTimeOffset(2026, 12, 21, 9, 0, 0, CasesPortal.Riyadh));
        var runs = await RunTwoInstancesAsync();

        Assert.Equal(0, runs.Sum(r => r.Escalations + r.Reminders));
    }
    [Fact]
    public async Task DeadlineJob_ClaimsABatchOnce_EveryCaseGetsOneReminderAndOneEscalation_WithTwoInstances()
    {
        // Dates after the other tests' cases, so only these cases fall due here.
        var agencies = new[] { "saso", "hrsd" };
        var supervisors = agencies.ToDictionary(a => a, a => $"batch-supervisor@{a}.example.test");
        foreach (var (agency, mailbox) in supervisors)
        {
            await factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == agency).ExecuteUpdateAsync(u => u.SetProperty(a => a.SupervisorEmail, mailbox)));
        }
        var officers = new Dictionary<string, string>();
        foreach (var agency in agencies)
        {
            officers[agency] = (await TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: agency)).Email!;
        }
        var submitter = await TestAccounts.CreateAsync(factory);
        factory.Clock.Set(new DateTimeOffset(2027, 2, 1, 10, 0, 0, CasesPortal.Riyadh));
        var cases = new List<(Case Case, string Agency)>();
        for (var i = 0; i < 24; i++)
        {
            var agency = agencies[i % 2];
            cases.Add((await factory.FileAsync(submitter, agency: agency, subject: $"قضية الدفعة {i}"), agency));
        }
        var due = cases[0].Case.DueOn;
        Assert.All(cases, c => Assert.Equal(due, c.Case.DueOn));

        // On the due day the reminder is due; the day after, the escalation.
        factory.Clock.Set(new DateTimeOffset(due.Year, due.Month, due.Day, 9, 0, 0, CasesPortal.Riyadh));
        var reminders = await RunTwoInstancesAsync();
        await RunTwoInstancesAsync();
        var next = due.AddDays(1);
        factory.Clock.Set(new DateTimeOffset(next.Year, next.Month, next.Day, 9, 0, 0, CasesPortal.Riyadh));
        var escalations = await RunTwoInstancesAsync();
        await RunTwoInstancesAsync();

        Assert.Equal(cases.Count, reminders.Sum(r => r.Reminders));
        Assert.Equal(cases.Count, escalations.Sum(r => r.Escalations));
        foreach (var (c, agency) in cases)
        {
            Assert.Equal(1, await OutboxCountAsync(officers[agency], c.TrackingNumber));
            Assert.Equal(1, await OutboxCountAsync(supervisors[agency], c.TrackingNumber));
        }
    }

    [Fact]
    public async Task DeadlineJob_ReadsMoreCasesThanABatch_InBatches_EachRemindedAndEscalatedOnce_WithTwoInstances()
    {
        // More cases than one batch, over two due days, so the batches go on within a day and across days.
        var submitter = await TestAccounts.CreateAsync(factory);
        await TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "moe");
        var filed = new List<Case>();
        foreach (var (day, count) in new[] { (1, CaseDeadlines.BatchSize + 50), (2, CaseDeadlines.BatchSize) })
        {
            factory.Clock.Set(new DateTimeOffset(2027, 6, day, 10, 0, 0, CasesPortal.Riyadh));
            for (var i = 0; i < count; i += 10)
            {
                filed.AddRange(await Task.WhenAll(Enumerable.Range(i, Math.Min(10, count - i)).Select(n => factory.FileAsync(submitter, agency: "moe", subject: $"دفعات {day}-{n}"))));
            }
        }
        var days = filed.Select(c => c.DueOn).Distinct().Order().ToList();
        Assert.Equal(2, days.Count);
        var ids = filed.Select(c => c.Id).ToList();

        // On the first due day both days are within two working days: every case is reminded; after the second, every case is overdue.
        factory.Clock.Set(new DateTimeOffset(days[0].Year, days[0].Month, days[0].Day, 9, 0, 0, CasesPortal.Riyadh));
        var reminders = await RunTwoInstancesAsync();
        var after = days[1].AddDays(1);
        factory.Clock.Set(new DateTimeOffset(after.Year, after.Month, after.Day, 9, 0, 0, CasesPortal.Riyadh));
        var escalations = await RunTwoInstancesAsync();
        await RunTwoInstancesAsync();

        var entries = await factory.WithDbAsync(db => db.CaseTimeline.Where(e => ids.Contains(e.CaseId) && (e.Event == CaseEvent.ReminderSent || e.Event == CaseEvent.Escalated))
            .GroupBy(e => new { e.CaseId, e.Event }).Select(g => g.Count()).ToListAsync());
        Assert.Equal(2 * ids.Count, entries.Count);
        Assert.All(entries, n => Assert.Equal(1, n));
        Assert.Equal(ids.Count, reminders.Sum(r => r.Reminders));
        Assert.True(escalations.Sum(r => r.Escalations) >= ids.Count);
    }
}
