using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Platform;

/// <summary>
/// Creating an agency or a holiday stores the row and its audit entry together or not at all
/// (issue 10, finding 5): when the audit entry cannot be written, no row is left behind.
/// </summary>
public sealed class UnitOfWorkSecurityTests(UnitOfWorkSecurityTests.FaultyPortal factory) : IClassFixture<UnitOfWorkSecurityTests.FaultyPortal>
{
    [Fact]
    public async Task AgencyCreation_WhenItsAuditEntryFails_LeavesNoAgency()
    {
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);
        var code = "uow" + Guid.NewGuid().ToString("N")[..6];
        factory.Faults.Arm("agency.created");

        var response = await admin.SubmitAsync("/ar/admin/agencies/new", new Dictionary<string, string>
        {
            ["Code"] = code,
            ["NameAr"] = "جهة اختبار الوحدة",
            ["NameEn"] = "Unit of work agency",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Agencies.AnyAsync(a => a.Code == code)));

        // And without the fault both are stored.
        var saved = await admin.SubmitAsync("/ar/admin/agencies/new", new Dictionary<string, string>
        {
            ["Code"] = code,
            ["NameAr"] = "جهة اختبار الوحدة",
            ["NameEn"] = "Unit of work agency",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "agency.created" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task HolidayCreation_WhenItsAuditEntryFails_LeavesNoHoliday()
    {
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);
        var name = "عطلة اختبار " + Guid.NewGuid().ToString("N")[..6];
        factory.Faults.Arm("holiday.created");

        var response = await admin.SubmitAsync("/ar/admin/holidays/new", new Dictionary<string, string>
        {
            ["NameAr"] = name,
            ["NameEn"] = "Unit of work holiday",
            ["StartDate"] = "2027-03-01",
            ["EndDate"] = "2027-03-02",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.PublicHolidays.AnyAsync(h => h.Name.Ar == name)));
    }

    /// <summary>The portal with a database that can be told to refuse one audit entry.</summary>
    public sealed class FaultyPortal : PortalFactory
    {
        public FailingAuditInterceptor Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Faults));
        }
    }
}
