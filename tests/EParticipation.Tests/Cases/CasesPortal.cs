using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Cases;

/// <summary>The portal with a clock the tests set (Saudi time matters here), and a way to file a case directly.</summary>
public class CasesPortal : PortalFactory
{
    public static readonly TimeSpan Riyadh = TimeSpan.FromHours(3);

    public CasesPortal()
    {
        // Tests run the deadline job themselves, at the moments they choose.
        With("Cases:DeadlinesEnabled", "false");
    }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public Task<int> AgencyIdAsync(string code) => WithDbAsync(db => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());

    /// <summary>A case filed through the workflow, as an intake module files one.</summary>
    public async Task<Case> FileAsync(ApplicationUser submitter, string agency = "hrsd", string? subject = null, CaseKind kind = CaseKind.Complaint, Guid? key = null)
    {
        ArgumentNullException.ThrowIfNull(submitter);
        var agencyId = await AgencyIdAsync(agency);
        return await WithScopeAsync(async sp =>
        {
            var workflow = sp.GetRequiredService<CaseWorkflow>();
            var result = await workflow.SubmitAsync(new NewCase(kind, agencyId, submitter.Id, key ?? Guid.NewGuid(),
                subject ?? "تأخر إصدار الشهادة " + Guid.NewGuid().ToString("N")[..6], "تقدمت بطلب قبل شهر ولم يصلني رد.",
                [new NewCaseDetail("service", new LocalizedText("الخدمة", "Service"), "إصدار شهادة")]));
            return result.Case;
        });
    }

    public Task<Case> ReloadAsync(long id) =>
        WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Timeline).Include(c => c.Pauses).SingleAsync(c => c.Id == id));
}
