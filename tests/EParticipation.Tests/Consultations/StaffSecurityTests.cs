using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// Staff screens of consultations (issue 10, finding 5): another agency's id is answered exactly
/// like a missing one, and a new consultation is stored with its audit entry or not at all.
/// </summary>
public sealed class StaffSecurityTests(StaffSecurityTests.FaultyPortal factory) : IClassFixture<StaffSecurityTests.FaultyPortal>
{
    [Theory]
    [InlineData("")]
    [InlineData("/preview")]
    [InlineData("/articles")]
    [InlineData("/questionnaire")]
    public async Task AnotherAgencysDraft_AnswersLikeAMissingId(string page)
    {
        var draft = await factory.CreateConsultationAsync(agency: "hrsd", published: false);
        var (moj, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher, Roles.LegislationReviewer], agencyCode: "moj");

        var other = await moj.GetAsync($"/ar/consultations/manage/{draft.Id}{page}");
        var missing = await moj.GetAsync($"/ar/consultations/manage/99999999{page}");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(missing.StatusCode, other.StatusCode);
        Assert.Equal(
            (await PortalClient.ParseAsync(missing)).QuerySelector("main h1")?.TextContent,
            (await PortalClient.ParseAsync(other)).QuerySelector("main h1")?.TextContent);
    }

    [Fact]
    public async Task ConsultationCreation_WhenItsAuditEntryFails_LeavesNoConsultation()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var sector = await factory.WithDbAsync(db => db.Sectors.Select(s => s.Id).FirstAsync());
        var title = "مشروع وحدة العمل " + Guid.NewGuid().ToString("N")[..6];
        factory.Faults.Arm("consultation.created");

        var response = await publisher.SubmitAsync("/ar/consultations/manage/new", new Dictionary<string, string>
        {
            ["Input.TitleAr"] = title,
            ["Input.SummaryAr"] = "ملخص المشروع",
            ["Input.Kind"] = "Regulation",
            ["Input.SectorId"] = sector.ToString(CultureInfo.InvariantCulture),
            ["Input.OpensAt"] = "2026-12-01T08:00",
            ["Input.ClosesAt"] = "2026-12-31T08:00",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Consultations.AnyAsync(c => c.Title.Ar == title)));
    }

    /// <summary>The consultations portal with a database that can be told to refuse one audit entry.</summary>
    public sealed class FaultyPortal : ConsultationsPortal
    {
        public FailingAuditInterceptor Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Faults));
        }
    }
}
