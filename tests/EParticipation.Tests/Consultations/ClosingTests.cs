using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// A page opened before closing and sent after it: the server refuses, whatever the page showed.
/// The clock moves here, so this class has a portal of its own.
/// </summary>
public sealed class ClosingTests(ClosingTests.Portal factory) : IClassFixture<ClosingTests.Portal>
{
    public sealed class Portal : ConsultationsPortal;

    [Fact]
    public async Task CommentAndAnswers_SentOneMinuteAfterClosing_AreRefused_AndTheControlsAreGone()
    {
        var consultation = await factory.CreateConsultationAsync(closesIn: TimeSpan.FromMinutes(1), questionnaire: true);
        var (client, _) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/consultations/{consultation.Id}";
        var page = await client.PageAsync(path);
        var commentForm = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/comments", StringComparison.Ordinal));
        var answerForm = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/questionnaire", StringComparison.Ordinal));
        var single = consultation.Questions.Single(q => q.Type == QuestionType.SingleChoice);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var comment = await client.SubmitAsync(commentForm, path, new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "متأخر",
            ["NewComment.Body"] = "أرسلته بعد الإغلاق بدقيقة",
        });
        var answers = await client.SubmitAsync(answerForm, path, new Dictionary<string, string>
        {
            [Forms.QuestionField(single.Id)] = single.Options[0].Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Conflict, comment.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, answers.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ConsultationComments.AnyAsync(c => c.ConsultationId == consultation.Id)));
        Assert.False(await factory.WithDbAsync(db => db.ConsultationResponses.AnyAsync(r => r.ConsultationId == consultation.Id)));
        var after = await client.PageAsync(path);
        Assert.DoesNotContain(after.QuerySelectorAll("main form[action*='/consultations/']"), f => !f.GetAttribute("action")!.EndsWith("follow", StringComparison.Ordinal));
        Assert.Equal("مغلقة", after.QuerySelector(".ep-page-header .ep-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task Tabs_FollowTheClock_AcrossOpeningAndClosing()
    {
        var consultation = await factory.CreateConsultationAsync(opensIn: TimeSpan.FromMinutes(1), closesIn: TimeSpan.FromMinutes(3), titleAr: "استشارة على حافة الدقيقة");
        var visitor = factory.Client();

        Assert.True(await ListedAsync(visitor, "planned", consultation.Id));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await ListedAsync(visitor, "open", consultation.Id));
        Assert.False(await ListedAsync(visitor, "planned", consultation.Id));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await ListedAsync(visitor, "archived", consultation.Id));
        Assert.False(await ListedAsync(visitor, "open", consultation.Id));
    }

    private static async Task<bool> ListedAsync(PortalClient client, string tab, int id)
    {
        var page = await client.PageAsync($"/ar/consultations?status={tab}&q=" + Uri.EscapeDataString("استشارة على حافة الدقيقة"));
        return page.QuerySelector($"main a[href='/ar/consultations/{id}']") is not null;
    }
}
