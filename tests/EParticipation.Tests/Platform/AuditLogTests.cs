using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>The administrator's audit log: every entry at first, then narrowed by each filter, a page at a time.</summary>
public sealed class AuditLogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AuditLog_ShowsEveryEntryAtFirst_AndTheActionFilterIsNotPrefilledWithTheRoutesName()
    {
        var marker = await SeedAsync();
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);

        var page = await admin.PageAsync("/en/admin/audit");

        Assert.Equal("", page.QuerySelector("#action")!.GetAttribute("value") ?? "");
        Assert.NotEmpty(page.QuerySelectorAll("tbody tr"));
        var total = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        Assert.Contains($"{total} entries", page.QuerySelector("#audit-count")!.TextContent, StringComparison.Ordinal);
        // 50 a page: the 61 entries of this test alone need a second page.
        Assert.Equal(50, page.QuerySelectorAll("tbody tr").Length);
        var next = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await admin.PageAsync(next);
        Assert.NotEmpty(second.QuerySelectorAll("tbody tr"));
        Assert.Contains(marker, (await admin.PageAsync("/en/admin/audit?action=" + marker)).QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_FiltersByAgencyActorRecordAndSaudiDays()
    {
        var marker = await SeedAsync();
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);
        var moj = await factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync());

        var byAgency = await admin.PageAsync($"/en/admin/audit?action={marker}&agencyId={moj}");
        Assert.Equal(30, byAgency.QuerySelectorAll("tbody tr").Length);

        var byActor = await admin.PageAsync($"/en/admin/audit?action={marker}&actor=PUBLISHER.MOJ");
        Assert.Equal(30, byActor.QuerySelectorAll("tbody tr").Length);
        Assert.All(byActor.QuerySelectorAll("tbody tr"), r => Assert.Contains("publisher.moj@", r.TextContent, StringComparison.Ordinal));

        var byRecord = await admin.PageAsync($"/en/admin/audit?action={marker}&entityType=Consultation&entityId=7");
        Assert.Single(byRecord.QuerySelectorAll("tbody tr"));
        Assert.NotNull(byRecord.QuerySelector("#entityType option[value='Consultation'][selected]"));

        // 2026-11-20 21:30 UTC is already 21 November in Riyadh: it belongs to that Saudi day.
        var byDay = await admin.PageAsync($"/en/admin/audit?action={marker}&from=2026-11-21&to=2026-11-21");
        var rows = byDay.QuerySelectorAll("tbody tr");
        Assert.Single(rows);
        Assert.Contains("late evening", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-21", byDay.QuerySelector("#from")!.GetAttribute("value"));
        // The pager keeps every filter.
        var many = await admin.PageAsync($"/en/admin/audit?action={marker}&from=2026-11-01");
        var nextHref = many.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("from=2026-11-01", nextHref, StringComparison.Ordinal);
        Assert.Contains("action=" + marker, nextHref, StringComparison.Ordinal);
    }

    // 61 entries under a fresh action prefix: 30 by the Justice publisher on Justice records, 30 by
    // an administrator, and one at 21:30 UTC on 20 November (00:30 on the 21st in Riyadh).
    private async Task<string> SeedAsync()
    {
        var marker = "test" + Guid.NewGuid().ToString("N")[..8];
        await factory.WithDbAsync(async db =>
        {
            var moj = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync();
            for (var i = 0; i < 60; i++)
            {
                var justice = i % 2 == 0;
                db.AuditEntries.Add(new AuditEntry
                {
                    OccurredAt = new DateTime(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc).AddHours(i),
                    UserEmail = justice ? "publisher.moj@demo.portal.test" : "admin@demo.portal.test",
                    AgencyId = justice ? moj : null,
                    Action = marker + (justice ? ".consultation.updated" : ".agency.updated"),
                    EntityType = justice ? "Consultation" : "Agency",
                    EntityId = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Summary = "entry " + i,
                });
            }
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredAt = new DateTime(2026, 11, 20, 21, 30, 0, DateTimeKind.Utc),
                UserEmail = "admin@demo.portal.test",
                Action = marker + ".holiday.added",
                EntityType = "PublicHoliday",
                EntityId = "1",
                Summary = "late evening",
            });
            await db.SaveChangesAsync();
            return 0;
        });
        return marker;
    }
}
