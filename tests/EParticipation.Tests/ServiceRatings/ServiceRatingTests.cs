using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>Rating a service: one current rating per account and window, history kept, aggregates in step, suggestions as cases.</summary>
public sealed class ServiceRatingTests(RatingsPortal factory) : IClassFixture<RatingsPortal>
{
    [Fact]
    public async Task Rate_AgainWithinThirtyDays_ReplacesTheRatingAndKeepsTheEarlierVersion()
    {
        var service = await factory.ServiceAsync("moj-deed-inquiry");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);

        Assert.Equal(HttpStatusCode.OK, (await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(2, ease: 1))).StatusCode);
        factory.Clock.Advance(TimeSpan.FromDays(10));
        await citizen.SignInAsync(user.Email!, TestAccounts.Password); // the session has ended meanwhile
        var second = await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(5, ease: 4));

        Assert.Contains("حلّ تقييمك الجديد", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (current, versions) = await factory.WithDbAsync(async db => (
            await db.ServiceRatings.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync(),
            await db.ServiceRatingVersions.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync()));
        Assert.Equal(5, Assert.Single(current).Overall);
        var earlier = Assert.Single(versions);
        Assert.Equal(2, earlier.Overall);
        Assert.False(earlier.StillCounts);
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<RatingAggregates>().RecountAsync()));
        var months = await factory.WithDbAsync(db => db.ServiceRatingMonths.AsNoTracking().Where(m => m.ServiceId == service.Id).ToListAsync());
        Assert.Equal(0, months.Sum(m => m.Stars2));
        Assert.Equal(1, months.Sum(m => m.Stars5));
    }

    [Fact]
    public async Task Rate_AfterThirtyDays_CountsBothRatings()
    {
        var service = await factory.ServiceAsync("moh-937");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory, type: AccountType.Resident);

        await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(4, channel: "Phone"));
        factory.Clock.Advance(TimeSpan.FromDays(31));
        await citizen.SignInAsync(user.Email!, TestAccounts.Password); // the session has ended meanwhile
        await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(1, channel: "Phone"));

        var versions = await factory.WithDbAsync(db => db.ServiceRatingVersions.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync());
        Assert.True(Assert.Single(versions).StillCounts);
        var months = await factory.WithDbAsync(db => db.ServiceRatingMonths.AsNoTracking().Where(m => m.ServiceId == service.Id).ToListAsync());
        Assert.Equal(2, months.Sum(m => m.Count));
        Assert.Equal(2, months.Sum(m => m.PhoneCount));
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<RatingAggregates>().RecountAsync()));
    }

    [Fact]
    public async Task Rate_WithASuggestion_OpensASuggestionCaseForTheAgencyWithItsDueDay_ShownInMyCases()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 10, 0, 0, Cases.CasesPortal.Riyadh));
        var service = await factory.ServiceAsync("mc-trade-name");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);

        var response = await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(3, suggestion: "أقترح إظهار سبب رفض الاسم التجاري."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var c = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Include(x => x.Details).SingleAsync(x => x.SubmitterId == user.Id));
        Assert.Equal(CaseKind.RatingSuggestion, c.Kind);
        Assert.StartsWith("SUG-", c.TrackingNumber, StringComparison.Ordinal);
        Assert.Equal(service.AgencyId, c.AgencyId);
        Assert.Equal(new DateOnly(2026, 12, 17), c.DueOn);
        Assert.Contains(c.Details, d => d.Name == "service-code" && d.Value == "mc-trade-name");
        Assert.Equal(service.Id, c.ServiceId);
        var rating = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking().SingleAsync(r => r.UserId == user.Id));
        Assert.Equal(c.TrackingNumber, rating.SuggestionCase);
        var mine = await citizen.PageAsync("/ar/account/cases");
        Assert.Contains(c.TrackingNumber, mine.Body!.TextContent, StringComparison.Ordinal);
        var (officer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "mc");
        var queue = await officer.PageAsync("/ar/staff/cases?kind=RatingSuggestion");
        Assert.Contains(c.TrackingNumber, queue.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_AgainWithinTheWindow_WithTheSameSuggestion_KeepsItsCase_AndAChangedOneOpensAnother()
    {
        var service = await factory.ServiceAsync("moe-school-registration");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);
        const string suggestion = "أقترح إتاحة التسجيل لأكثر من ابن في طلب واحد.";

        await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(3, suggestion: suggestion));
        await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(4, suggestion: suggestion));
        var kept = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.SubmitterId == user.Id).Select(c => c.TrackingNumber).ToListAsync());
        await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(4, suggestion: "أقترح إظهار المقاعد المتاحة في كل مدرسة."));

        var cases = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.SubmitterId == user.Id).OrderBy(c => c.Id).Select(c => c.TrackingNumber).ToListAsync());
        var rating = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking().SingleAsync(r => r.UserId == user.Id));
        Assert.Single(kept);
        Assert.Equal(2, cases.Count);
        Assert.Equal(cases[1], rating.SuggestionCase);
        Assert.Equal(2, rating.Revision);
    }

    [Fact]
    public async Task Rate_ByOneAccountManyTimesAtOnce_KeepsOneCurrentRatingAndItsHistory_AndTheFiguresEqualARecount()
    {
        var service = await factory.ServiceAsync("moe-noor-results");
        var user = await TestAccounts.CreateAsync(factory);

        // Eight ratings of one account at once, the first of them racing to insert the account's row.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => factory.WithScopeAsync(sp =>
            sp.GetRequiredService<RatingSubmission>().SubmitAsync(service, user.Id, new RatingInput
            {
                SubmissionKey = Guid.NewGuid(), Overall = 1 + (i % 5), Ease = 1 + (i % 3), Channel = ServiceChannel.ServiceCentre,
            })))));

        var current = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync());
        var versions = await factory.WithDbAsync(db => db.ServiceRatingVersions.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync());
        Assert.Equal(7, Assert.Single(current).Revision);
        Assert.Single(outcomes, o => !o.Replaced);
        Assert.Equal(7, versions.Count);
        Assert.All(versions, v => Assert.False(v.StillCounts));
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<RatingAggregates>().RecountAsync()));
    }

    [Fact]
    public async Task Rate_TwoStarsOrFewer_OffersAComplaintPrefilledWithTheAgencyAndService()
    {
        var service = await factory.ServiceAsync("moi-traffic-violations");
        var (citizen, _) = await TestAccounts.SignedInAsync(factory);

        var page = await PortalClient.ParseAsync(await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(2)));
        var link = page.QuerySelector("a[href^='/ar/complaints/new/government-service']")?.GetAttribute("href");

        Assert.NotNull(link);
        var form = await citizen.PageAsync(link!);
        Assert.Equal(service.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), form.QuerySelector("select[name='Input.AgencyId'] option[selected]")?.GetAttribute("value"));
        Assert.Equal(service.Name.Ar, form.QuerySelector("[name='Input.Service']")?.GetAttribute("value"));
    }

    [Fact]
    public async Task ComplaintsStartedFromALowRating_CountForTheService_OnItsDashboard_ButNotWithAnotherAgencysServiceId()
    {
        var service = await factory.ServiceAsync("moi-iqama-renewal");
        var otherAgencys = await factory.ServiceAsync("moh-sick-leave");
        var complaint = new Dictionary<string, string>
        {
            ["Input.Subject"] = "تأخر تجديد الإقامة",
            ["Input.Description"] = "قدّمت طلب التجديد قبل شهر ولم يصلني رد.",
        };
        for (var i = 0; i < 5; i++)
        {
            var (citizen, _) = await TestAccounts.SignedInAsync(factory);
            var page = await PortalClient.ParseAsync(await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(1)));
            var link = page.QuerySelector("a[href^='/ar/complaints/new/government-service']")!.GetAttribute("href")!;
            Assert.Equal(HttpStatusCode.Redirect, (await citizen.SubmitAsync(link, complaint)).StatusCode);
        }
        // The hidden field sent with another agency's service: the complaint is kept, without the service.
        var (tamperer, tampererAccount) = await TestAccounts.SignedInAsync(factory);
        var tampered = $"/ar/complaints/new/government-service?agency={service.AgencyId}&serviceId={otherAgencys.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await tamperer.SubmitAsync(tampered, complaint)).StatusCode);

        var kept = await factory.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.SubmitterId == tampererAccount.Id));
        Assert.Equal(service.AgencyId, kept.AgencyId);
        Assert.Null(kept.ServiceId);
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync($"/api/v1/dashboard/services/{service.Id}"));
        var cases = json.RootElement.GetProperty("cases");
        Assert.Equal(5, cases.GetProperty("received").GetInt32());
        Assert.False(cases.GetProperty("suppressed").GetBoolean());
        var dashboard = await factory.Client().PageAsync($"/en/dashboard/services/{service.Id}");
        Assert.Contains("Cases received (complaints, business feedback and rating suggestions): 5.", dashboard.QuerySelector("#service-cases-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.ServiceId == otherAgencys.Id)));
    }

    [Fact]
    public async Task Rate_AnswersSeeOtherToAThankYouPage_ThatShowsTheCaseAndTheComplaintOffer_InBothLanguages_ToItsOwnerOnly()
    {
        var service = await factory.ServiceAsync("moh-medical-referral");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);
        var fields = RatingsPortal.Rating(1, suggestion: "أقترح إرسال تذكير قبل الموعد بيوم.");

        var posted = await citizen.SubmitAsync($"/ar/services/{service.Id}/rate", fields, actionEndsWith: $"/services/{service.Id}/rate");

        // Post/redirect/get: the form's answer is a 303 to the thank-you page, not a page.
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal($"/ar/services/{service.Id}/rated", posted.Headers.Location?.OriginalString);
        var number = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.SuggestionCase).SingleAsync());
        Assert.NotNull(number);
        var thanks = await citizen.GetAsync($"/ar/services/{service.Id}/rated");
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("no-store", thanks.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var ar = await PortalClient.ParseAsync(thanks);
        Assert.Contains("سُجّل تقييمك", ar.QuerySelector("main .alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(number, ar.QuerySelector($"main a[href='/ar/cases/{number}']")?.TextContent);
        Assert.NotNull(ar.QuerySelector("main a[href^='/ar/complaints/new/government-service']"));
        var en = await citizen.PageAsync($"/en/services/{service.Id}/rated");
        Assert.Contains("Your rating of " + service.Name.En + " has been recorded.", en.QuerySelector("main .alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(en.QuerySelector($"main a[href='/en/cases/{number}']"));
        Assert.Contains("Make a complaint about this service", en.QuerySelector("main a[href^='/en/complaints/new/government-service']")!.TextContent, StringComparison.Ordinal);

        // Reloading the thank-you page sends nothing again: still one rating, one case.
        await citizen.GetAsync($"/ar/services/{service.Id}/rated");
        Assert.Equal(1, await factory.WithDbAsync(db => db.ServiceRatings.CountAsync(r => r.UserId == user.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.SubmitterId == user.Id)));

        // Another account sees the missing page (never this account's case number), a visitor the sign-in page.
        var (other, _) = await TestAccounts.SignedInAsync(factory);
        var theirs = await other.GetAsync($"/ar/services/{service.Id}/rated");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain(number!, await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var visitor = await factory.Client().GetAsync($"/ar/services/{service.Id}/rated");
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.Contains("/ar/account/login", visitor.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_AFourStarRatingWithoutSuggestion_ThankYouPageOffersNoComplaintAndNoCase()
    {
        var service = await factory.ServiceAsync("moj-marriage-contract");
        var (citizen, _) = await TestAccounts.SignedInAsync(factory);

        var page = await PortalClient.ParseAsync(await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(4)));

        Assert.NotNull(page.QuerySelector("main .alert-success"));
        Assert.Null(page.QuerySelector("main a[href^='/ar/complaints/new']"));
        Assert.Null(page.QuerySelector("main a[href^='/ar/cases/']"));
    }

    [Fact]
    public async Task Rate_AfterThePublisherRetiresTheService_IsRefusedAtOnce_AndAfterRestoringAccepted_ThoughTheFormReadTheKeptService()
    {
        var service = await factory.ServiceAsync("moj-execution-request");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        // The form keeps the service in memory (GovernmentServiceCache): read it once before the retirement.
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/ar/services/{service.Id}/rate")).StatusCode);
        var form = await citizen.PageAsync($"/ar/services/{service.Id}/rate");

        Assert.Equal(HttpStatusCode.Redirect, (await publisher.SubmitAsync("/ar/services/manage", new Dictionary<string, string>(), actionEndsWith: $"/{service.Id}/retire")).StatusCode);
        var fields = RatingsPortal.Rating(4);
        var refused = await citizen.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector($"main form[action$='/services/{service.Id}/rate']")!, $"/ar/services/{service.Id}/rate", fields);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ServiceRatings.AnyAsync(r => r.UserId == user.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await publisher.SubmitAsync("/ar/services/manage", new Dictionary<string, string>(), actionEndsWith: $"/{service.Id}/restore")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RatingsPortal.RateAsync(citizen, service.Id, fields)).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.ServiceRatings.AnyAsync(r => r.UserId == user.Id)));
    }

    [Fact]
    public async Task Rate_FromABusinessAccount_IsRefused()
    {
        var service = await factory.ServiceAsync("mc-commercial-registration");
        var (business, _) = await TestAccounts.SignedInAsync(factory, type: AccountType.Business);

        Assert.Equal(HttpStatusCode.Forbidden, (await business.GetAsync($"/ar/services/{service.Id}/rate")).StatusCode);
    }

    [Fact]
    public async Task Rate_WithoutOverallRating_ShowsTheLocalizedErrorAndStoresNothing()
    {
        var service = await factory.ServiceAsync("moe-madrasati");
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);
        var fields = RatingsPortal.Rating(1);
        fields["Input.Overall"] = "";

        var response = await RatingsPortal.RateAsync(citizen, service.Id, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("اختر تقييمك العام من 1 إلى 5.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.ServiceRatings.AnyAsync(r => r.UserId == user.Id)));
    }
}
