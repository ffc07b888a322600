using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>Staff act only on their own agency's consultations, whatever id the address carries.</summary>
public sealed class StaffAccessTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task StaffOfAnotherAgency_CannotReadOrEditAnUnpublishedConsultationById()
    {
        var draft = await factory.CreateConsultationAsync(agency: "hrsd", published: false, titleAr: "مسودة الموارد البشرية");
        var (moj, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher, Roles.LegislationReviewer], agencyCode: "moj");
        var (own, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var path = $"/ar/consultations/manage/{draft.Id}";

        foreach (var page in new[] { path, path + "/preview", path + "/articles", path + "/documents", path + "/questionnaire", $"/ar/consultations/{draft.Id}" })
        {
            var response = await moj.GetAsync(page);
            // Another agency's draft answers exactly as a missing id would (issue 10).
            Assert.True(response.StatusCode is HttpStatusCode.NotFound, $"{page}: {(int)response.StatusCode}");
            Assert.DoesNotContain("مسودة الموارد البشرية", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var edit = await Forms.PostAsync(moj, "/ar/consultations", path, new Dictionary<string, string>
        {
            ["Input.TitleAr"] = "عنوان مُختطف",
            ["Input.SummaryAr"] = "ملخص",
            ["Input.Kind"] = "Law",
            ["Input.SectorId"] = "1",
            ["Input.OpensAt"] = "2026-12-01T08:00",
            ["Input.ClosesAt"] = "2026-12-30T08:00",
        });
        var addArticle = await Forms.PostAsync(moj, "/ar/consultations", path + "/articles", new Dictionary<string, string> { ["NewArticle.BodyAr"] = "مادة دخيلة" });

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, addArticle.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Consultations.Include(c => c.Articles).SingleAsync(c => c.Id == draft.Id));
        Assert.Equal("مسودة الموارد البشرية", stored.Title.Ar);
        Assert.Equal(3, stored.Articles.Count);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(path + "/preview")).StatusCode);
    }

    [Fact]
    public async Task Participant_CannotOpenStaffScreens()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (participant, _) = await TestAccounts.SignedInAsync(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/ar/consultations/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync($"/ar/consultations/manage/{consultation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/ar/consultations/moderation")).StatusCode);
    }

    [Fact]
    public async Task Publisher_CreatesAConsultationWithArticles_ReordersThem_AndTheStatusFollowsTheDates()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var sector = await factory.WithDbAsync(db => db.Sectors.Where(s => s.Code == "health").Select(s => s.Id).SingleAsync());
        var women = await factory.WithDbAsync(db => db.TargetGroups.Where(g => g.Code == "women").Select(g => g.Id).SingleAsync());

        var create = await publisher.SubmitAsync("/ar/consultations/manage/new", new Dictionary<string, string>
        {
            ["Input.TitleAr"] = "مشروع لائحة الإجازات الصحية",
            ["Input.TitleEn"] = "Draft sick leave regulation",
            ["Input.SummaryAr"] = "ملخص المشروع",
            ["Input.Kind"] = "Regulation",
            ["Input.SectorId"] = sector.ToString(CultureInfo.InvariantCulture),
            ["Input.TargetGroupIds"] = women.ToString(CultureInfo.InvariantCulture),
            ["Input.OpensAt"] = "2026-12-01T08:00",
            ["Input.ClosesAt"] = "2026-12-31T08:00",
        });
        Forms.AssertRedirect(create);
        var id = await factory.WithDbAsync(db => db.Consultations.Where(c => c.Title.Ar == "مشروع لائحة الإجازات الصحية").Select(c => c.Id).SingleAsync());
        foreach (var body in new[] { "المادة أ", "المادة ب" })
        {
            Forms.AssertRedirect(await publisher.SubmitAsync($"/ar/consultations/manage/{id}/articles", new Dictionary<string, string> { ["NewArticle.BodyAr"] = body }, actionEndsWith: "/articles"));
        }
        var second = await factory.WithDbAsync(db => db.ConsultationArticles.Where(a => a.ConsultationId == id && a.Body.Ar == "المادة ب").Select(a => a.Id).SingleAsync());
        Forms.AssertRedirect(await publisher.SubmitAsync($"/ar/consultations/manage/{id}/articles", new Dictionary<string, string>(), actionEndsWith: $"/articles/{second}/move"));

        var articles = await factory.WithDbAsync(db => db.ConsultationArticles.Where(a => a.ConsultationId == id).OrderBy(a => a.Number).Select(a => a.Body.Ar).ToListAsync());
        Assert.Equal(["المادة ب", "المادة أ"], articles);
        var consultation = await factory.WithDbAsync(db => db.Consultations.Include(c => c.TargetGroups).SingleAsync(c => c.Id == id));
        Assert.Null(consultation.PublishAt);
        Assert.Equal(new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc), consultation.OpensAt);
        Assert.Single(consultation.TargetGroups);
        var edit = await publisher.PageAsync($"/ar/consultations/manage/{id}");
        Assert.Equal("مسودة", edit.QuerySelector("main .ep-status")!.TextContent.Trim());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.created" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.article.moved" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Publisher_WhenClosingBeforeOpening_SeesTheErrorAndNothingIsSaved()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var sector = await factory.WithDbAsync(db => db.Sectors.Select(s => s.Id).FirstAsync());

        var response = await publisher.SubmitAsync("/en/consultations/manage/new", new Dictionary<string, string>
        {
            ["Input.TitleAr"] = "مشروع بتواريخ مقلوبة",
            ["Input.SummaryAr"] = "ملخص",
            ["Input.Kind"] = "Policy",
            ["Input.SectorId"] = sector.ToString(CultureInfo.InvariantCulture),
            ["Input.OpensAt"] = "2026-12-31T08:00",
            ["Input.ClosesAt"] = "2026-12-01T08:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("The consultation must close after it opens.", page.QuerySelector(".ep-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Consultations.AnyAsync(c => c.Title.Ar == "مشروع بتواريخ مقلوبة")));
    }

    [Fact]
    public async Task OpenConsultation_KeepsItsOpeningKindAndModeration_AndCanBeExtendedButNotClosedInThePast()
    {
        var consultation = await factory.CreateConsultationAsync(agency: "hrsd", closesIn: TimeSpan.FromDays(10));
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var path = $"/ar/consultations/manage/{consultation.Id}";
        var extended = factory.Now.AddDays(20);

        var page = await publisher.PageAsync(path);
        Assert.Null(page.QuerySelector("[name='Input.Kind']"));
        Assert.Null(page.QuerySelector("[name='Input.OpensAt']"));
        Assert.Null(page.QuerySelector("[name='Input.Moderation']"));
        Assert.NotNull(page.QuerySelector("[name='Input.ClosesAt']"));
        // What a crafted post, or a page opened before the consultation did, sends.
        Forms.AssertRedirect(await Forms.PostAsync(publisher, path, path, Fields(consultation, "عنوان بعد الفتح", extended, kind: "Policy", moderation: "PreModeration", opens: factory.Now.AddDays(5))));

        var stored = await Stored(consultation.Id);
        Assert.Equal("عنوان بعد الفتح", stored.Title.Ar);
        Assert.Equal(Minutes(extended), stored.ClosesAt);
        Assert.Equal(consultation.OpensAt, stored.OpensAt);
        Assert.Equal(consultation.PublishAt, stored.PublishAt);
        Assert.Equal(consultation.Kind, stored.Kind);
        Assert.Equal(consultation.Moderation, stored.Moderation);

        var past = await Forms.PostAsync(publisher, path, path, Fields(consultation, "عنوان لا يُحفظ", factory.Now.AddHours(-1)));
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("اختر تاريخ إغلاق في المستقبل", (await PortalClient.ParseAsync(past)).QuerySelector(".ep-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("عنوان بعد الفتح", (await Stored(consultation.Id)).Title.Ar);
    }

    [Fact]
    public async Task ClosedConsultation_CannotBeReopened_AndAnArchivedOneCannotChangeAtAll()
    {
        var closed = await factory.CreateConsultationAsync(agency: "hrsd", closesIn: TimeSpan.FromMinutes(1));
        var archived = await factory.CreateConsultationAsync(agency: "hrsd", closesIn: TimeSpan.FromMinutes(1));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == archived.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReportPublishedAt, factory.Now)));
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");

        var page = await publisher.PageAsync($"/ar/consultations/manage/{closed.Id}");
        Assert.Null(page.QuerySelector("[name='Input.ClosesAt']"));
        Forms.AssertRedirect(await Forms.PostAsync(publisher, "/ar/consultations/manage", $"/ar/consultations/manage/{closed.Id}",
            Fields(closed, "عنوان مصحَّح", factory.Now.AddDays(30))));
        var reopened = await Stored(closed.Id);
        Assert.Equal("عنوان مصحَّح", reopened.Title.Ar);
        Assert.Equal(closed.ClosesAt, reopened.ClosesAt);

        var frozen = await Forms.PostAsync(publisher, "/ar/consultations/manage", $"/ar/consultations/manage/{archived.Id}", Fields(archived, "عنوان بعد الأرشفة", factory.Now.AddDays(30)));
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Equal(archived.Title.Ar, (await Stored(archived.Id)).Title.Ar);
        Assert.Null((await publisher.PageAsync($"/ar/consultations/manage/{archived.Id}")).QuerySelector("main form button[type=submit]"));
    }

    private Task<Web.Areas.Consultations.Domain.Consultation> Stored(int id) =>
        factory.WithDbAsync(db => db.Consultations.AsNoTracking().SingleAsync(c => c.Id == id));

    private static DateTime Minutes(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    private static Dictionary<string, string> Fields(Web.Areas.Consultations.Domain.Consultation c, string title, DateTime closesUtc, string? kind = null, string? moderation = null, DateTime? opens = null) => new()
    {
        ["Input.TitleAr"] = title,
        ["Input.SummaryAr"] = "ملخص",
        ["Input.Kind"] = kind ?? c.Kind.ToString(),
        ["Input.SectorId"] = c.SectorId.ToString(CultureInfo.InvariantCulture),
        ["Input.PublishAt"] = "",
        ["Input.OpensAt"] = Local(opens ?? c.OpensAt),
        ["Input.ClosesAt"] = Local(closesUtc),
        ["Input.Moderation"] = moderation ?? c.Moderation.ToString(),
    };

    private static string Local(DateTime utc) => Web.Platform.Calendar.DualDate.ToSaudiTime(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task LegislationReviewer_BuildsTheQuestionnaire_UntilTheFirstAnswerFreezesIt()
    {
        var consultation = await factory.CreateConsultationAsync(agency: "hrsd", kind: Web.Areas.Consultations.Domain.ConsultationKind.Law);
        var (reviewer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.LegislationReviewer], agencyCode: "hrsd");
        var path = $"/ar/consultations/manage/{consultation.Id}/questionnaire";

        var add = await reviewer.SubmitAsync(path, new Dictionary<string, string>
        {
            ["NewQuestion.Type"] = "MultipleChoice",
            ["NewQuestion.TextAr"] = "ما القطاعات الأكثر تأثرًا؟",
            ["NewQuestion.OptionsAr"] = "التجزئة\nالبناء\nالصحة",
        }, actionEndsWith: "/questionnaire");
        Forms.AssertRedirect(add);
        var question = await factory.WithDbAsync(db => db.ConsultationQuestions.Include(q => q.Options).SingleAsync(q => q.ConsultationId == consultation.Id));
        Assert.Equal(3, question.Options.Count);

        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        Forms.AssertRedirect(await participant.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>
        {
            [Forms.QuestionField(question.Id)] = PortalClient.Many(question.Options[0].Id.ToString(CultureInfo.InvariantCulture), question.Options[2].Id.ToString(CultureInfo.InvariantCulture)),
        }, actionEndsWith: "/questionnaire"));

        var page = await reviewer.PageAsync(path);
        Assert.Null(page.QuerySelector($"form[action='{path}']"));
        var late = await Forms.PostAsync(reviewer, path, path, new Dictionary<string, string>
        {
            ["NewQuestion.Type"] = "FreeText",
            ["NewQuestion.TextAr"] = "سؤال متأخر",
        });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConsultationQuestions.CountAsync(q => q.ConsultationId == consultation.Id)));
        Assert.Equal(2, await factory.WithDbAsync(db => db.ConsultationAnswers.CountAsync(a => a.QuestionId == question.Id)));
    }

    [Fact]
    public async Task Publisher_OfALawDraft_CannotBuildItsQuestionnaire()
    {
        var consultation = await factory.CreateConsultationAsync(agency: "hrsd", kind: Web.Areas.Consultations.Domain.ConsultationKind.Law);
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");

        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync($"/ar/consultations/manage/{consultation.Id}/questionnaire")).StatusCode);
    }
}
