using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>The portal with a clock the tests set, so "open", "planned" and "closed" are exact.</summary>
public class ConsultationsPortal : PortalFactory
{
    public ConsultationsPortal()
    {
    }

    /// <summary>Another instance of the portal on the database of an existing one.</summary>
    protected ConsultationsPortal(TestDatabase database)
        : base(database, ownsDatabase: false)
    {
    }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A consultation stored directly, with its articles and (optionally) a questionnaire.</summary>
    public async Task<Consultation> CreateConsultationAsync(
        string agency = "hrsd",
        TimeSpan? opensIn = null,
        TimeSpan? closesIn = null,
        bool published = true,
        ModerationMode moderation = ModerationMode.PostModeration,
        ConsultationKind kind = ConsultationKind.Law,
        string? titleAr = null,
        int articles = 3,
        bool questionnaire = false,
        params string[] groups)
    {
        var now = Now;
        return await WithDbAsync(async db =>
        {
            var consultation = new Consultation
            {
                AgencyId = await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync(),
                SectorId = await db.Sectors.Where(s => s.Code == "labour-social-protection").Select(s => s.Id).SingleAsync(),
                Kind = kind,
                Moderation = moderation,
                CreatedAt = now,
                UpdatedAt = now,
            };
            consultation.Describe(new LocalizedText(titleAr ?? "مشروع اختبار " + Guid.NewGuid().ToString("N")[..8], "Test draft"), new LocalizedText("ملخص المشروع", "Summary"));
            var opens = now + (opensIn ?? TimeSpan.FromDays(-1));
            consultation.Schedule(published ? (opens < now ? opens : now).AddDays(-1) : null, opens, now + (closesIn ?? TimeSpan.FromDays(30)));
            foreach (var code in groups)
            {
                consultation.TargetGroups.Add(new ConsultationTargetGroup { TargetGroupId = await db.TargetGroups.Where(g => g.Code == code).Select(g => g.Id).SingleAsync() });
            }
            for (var i = 1; i <= articles; i++)
            {
                consultation.Articles.Add(new Article { Number = i, Heading = new LocalizedText($"عنوان المادة {i}", $"Heading {i}"), Body = new LocalizedText($"نص المادة {i}", $"Text of article {i}") });
            }
            if (questionnaire)
            {
                consultation.Questions.Add(new Question
                {
                    Position = 1,
                    Type = QuestionType.SingleChoice,
                    Required = true,
                    Text = new LocalizedText("هل تؤيد المشروع؟", "Do you support the draft?"),
                    Options = [new QuestionOption { Position = 1, Text = new LocalizedText("نعم", "Yes") }, new QuestionOption { Position = 2, Text = new LocalizedText("لا", "No") }],
                });
                consultation.Questions.Add(new Question { Position = 2, Type = QuestionType.Scale, Required = false, Text = new LocalizedText("ما مدى وضوح المشروع؟", "How clear is the draft?") });
                consultation.Questions.Add(new Question { Position = 3, Type = QuestionType.FreeText, Required = false, Text = new LocalizedText("ما اقتراحك؟", "What do you suggest?") });
            }
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            return consultation;
        });
    }
}

/// <summary>Small helpers for posting the portal's forms in these tests.</summary>
internal static class Forms
{
    /// <summary>
    /// Posts straight to an address with a valid antiforgery token taken from <paramref name="pagePath"/>
    /// (every page has one in its header forms): what a crafted request, or a stale page, sends.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, string pagePath, string action, IReadOnlyDictionary<string, string>? fields = null)
    {
        var page = await client.PageAsync(pagePath);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await PostWithTokenAsync(client, action, token, fields);
    }

    /// <summary>Posts straight to an address with the given antiforgery token (another visitor's, say).</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(PortalClient client, string action, string token, IReadOnlyDictionary<string, string>? fields = null)
    {
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        values.AddRange(fields ?? new Dictionary<string, string>());
        return await client.Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>The page's antiforgery token: every form on a page carries the same one.</summary>
    public static string Token(AngleSharp.Dom.IDocument page) =>
        Assert.Single(page.QuerySelectorAll("input[name='__RequestVerificationToken']").Select(i => i.GetAttribute("value")!).Distinct());

    /// <summary>Comments through the consultation page's form, as a participant does, and returns the comment's id.</summary>
    public static async Task<long> CommentAsync(ConsultationsPortal factory, PortalClient client, Consultation consultation, string body, int? articleId = null)
    {
        var path = $"/ar/consultations/{consultation.Id}" + (articleId is { } a ? $"?article={a}" : "");
        var response = await client.SubmitAsync(path, new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "مشارك",
            ["NewComment.Body"] = body,
        }, actionEndsWith: "/comments");
        AssertRedirect(response);
        return await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id && c.Body == body).Select(c => c.Id).SingleAsync());
    }

    public static string QuestionField(int questionId) => "q" + questionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void AssertRedirect(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
}
