using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Cases;

/// <summary>Private-sector feedback: business representatives only; it becomes a case with the same clock.</summary>
public sealed class BusinessFeedbackTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    [Fact]
    public async Task BusinessRepresentative_SendsFeedback_AndTheAgencysOfficerSeesItAsACase()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, CasesPortal.Riyadh));
        var (business, user) = await TestAccounts.SignedInAsync(factory, type: AccountType.Business);
        var agency = await factory.AgencyIdAsync("mc");

        var response = await business.SubmitAsync("/ar/business-feedback/new", new Dictionary<string, string>
        {
            ["Input.Regulation"] = "لائحة تسجيل العلامات التجارية",
            ["Input.AgencyId"] = agency.ToString(CultureInfo.InvariantCulture),
            ["Input.Problem"] = "يستغرق التسجيل ستة أشهر.",
            ["Input.CostAmount"] = "25000",
            ["Input.DelayDays"] = "180",
            ["Input.ProposedChange"] = "مسار سريع للمنشآت الصغيرة.",
            ["Input.Consultation"] = "/ar/consultations/12",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var c = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Include(x => x.Details).SingleAsync(x => x.SubmitterId == user.Id));
        Assert.Equal(CaseKind.BusinessFeedback, c.Kind);
        Assert.StartsWith("BFB-1448-", c.TrackingNumber, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 17), c.DueOn);
        Assert.Contains(c.Details, d => d.Name == "cost-amount" && d.Value == "25,000");
        Assert.Contains(c.Details, d => d.Name == "delay-days" && d.Value == "180");
        Assert.Contains(c.Details, d => d.Name == "commercial-registration" && d.Value == "1010123456");
        var page = await business.PageAsync("/ar/cases/" + c.TrackingNumber);
        Assert.Contains("مسار سريع للمنشآت الصغيرة.", page.Body!.TextContent, StringComparison.Ordinal);

        var (officer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "mc");
        var queue = await officer.PageAsync("/ar/staff/cases?kind=BusinessFeedback");
        Assert.Contains(c.TrackingNumber, queue.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citizen_CannotSendBusinessFeedback_ButReadsWhatItIsFor()
    {
        var (citizen, _) = await TestAccounts.SignedInAsync(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync("/ar/business-feedback/new")).StatusCode);
        var page = await citizen.PageAsync("/ar/business-feedback");
        Assert.Contains("رقم سجل تجاري", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("a[href='/ar/business-feedback/new']"));
    }
}
