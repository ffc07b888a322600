using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Events;

/// <summary>
/// Hackathons (issue 17, item 4): criteria published before the start, submissions until the
/// deadline, judges' scores and the weighted ranking, published results with feedback to each team,
/// a winner linked to an idea.
/// </summary>
public sealed class HackathonTests : IDisposable
{
    private readonly EventsPortal _portal = new();

    public HackathonTests()
    {
        // The story spans days of the test clock: sessions stay signed in across them.
        _portal.With("Sessions:StaffIdleMinutes", "100000");
        _portal.With("Sessions:ParticipantIdleHours", "10000");
    }

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task Criteria_AreOnTheEventPageBeforeTheStart_AndCannotChangeOnceItStarts()
    {
        var e = await HackathonAsync();
        var (publisher, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");

        var added = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string>
        {
            ["NewCriterion.NameAr"] = "الأثر على المستفيد",
            ["NewCriterion.NameEn"] = "Impact on people",
            ["NewCriterion.Weight"] = "60",
            ["NewCriterion.MaxScore"] = "10",
        }, actionEndsWith: "/hackathon/criteria");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var page = await _portal.Client().PageAsync($"/ar/events/{e.Id}");
        Assert.Contains("الأثر على المستفيد", page.QuerySelector("#criteria")!.TextContent, StringComparison.Ordinal);
        var english = await _portal.Client().PageAsync($"/en/events/{e.Id}");
        Assert.Contains("Impact on people", english.QuerySelector("#criteria")!.TextContent, StringComparison.Ordinal);

        var form = await publisher.PageAsync($"/ar/events/manage/{e.Id}/hackathon");
        At(e.StartsAt.AddMinutes(1));
        var late = await publisher.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("form[action$='/hackathon/criteria']")!, $"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string>
        {
            ["NewCriterion.NameAr"] = "معيار متأخر",
            ["NewCriterion.Weight"] = "40",
            ["NewCriterion.MaxScore"] = "5",
        });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("لم يعد تعديل المعايير ممكنًا", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await _portal.WithDbAsync(db => db.HackathonCriteria.CountAsync(c => c.EventId == e.Id)));
    }

    [Fact]
    public async Task Submission_BeforeTheDeadlineIsSaved_AfterItIsRefusedWithAnArabicMessage()
    {
        var e = await HackathonAsync();
        var (leader, member, _) = await TeamAsync(e, "فريق الريادة");
        At(e.StartsAt.AddHours(1));

        var saved = await leader.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string>
        {
            ["Input.Title"] = "منصة المواعيد الذكية",
            ["Input.Summary"] = "حل يقلل الانتظار في المحاكم.",
            ["Input.Link"] = "https://example.test/demo",
        }, actionEndsWith: "/submission");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // A member edits the same submission.
        var edited = await member.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string> { ["Input.Summary"] = "حل يقلل الانتظار في المحاكم إلى النصف." }, actionEndsWith: "/submission");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var stale = await member.PageAsync($"/ar/events/{e.Id}/submission");
        At(e.SubmissionsCloseAt!.Value.AddMinutes(1));
        var late = await member.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)stale.QuerySelector("form[action$='/submission']")!, $"/ar/events/{e.Id}/submission",
            new Dictionary<string, string> { ["Input.Title"] = "عنوان بعد الموعد" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("أُغلقت المشاركات", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await _portal.WithDbAsync(db => db.HackathonSubmissions.SingleAsync(s => s.EventId == e.Id));
        Assert.Equal("منصة المواعيد الذكية", stored.Title);
        Assert.Equal("حل يقلل الانتظار في المحاكم إلى النصف.", stored.Summary);
        var readOnly = await leader.PageAsync($"/ar/events/{e.Id}/submission");
        Assert.Null(readOnly.QuerySelector("form[action$='/submission']"));
        Assert.Contains("منصة المواعيد الذكية", readOnly.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_LinkMustBeHttps_AndTwoMembersSavingAtOnceGetTheConflictPage()
    {
        var e = await HackathonAsync();
        var (leader, member, _) = await TeamAsync(e, "فريق التزامن");
        At(e.StartsAt.AddHours(1));

        var http = await leader.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string>
        {
            ["Input.Title"] = "عنوان",
            ["Input.Summary"] = "ملخص",
            ["Input.Link"] = "http://example.test/demo",
        }, actionEndsWith: "/submission");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, http.StatusCode);
        Assert.Contains("https://", await http.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await leader.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string> { ["Input.Title"] = "الأولى", ["Input.Summary"] = "ملخص" }, actionEndsWith: "/submission");
        var memberPage = await member.PageAsync($"/ar/events/{e.Id}/submission");
        var leaderSave = await leader.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string> { ["Input.Title"] = "نسخة القائد" }, actionEndsWith: "/submission");
        Assert.Equal(HttpStatusCode.Redirect, leaderSave.StatusCode);
        var memberSave = await member.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)memberPage.QuerySelector("form[action$='/submission']")!, $"/ar/events/{e.Id}/submission",
            new Dictionary<string, string> { ["Input.Title"] = "نسخة العضو" });
        Assert.Equal(HttpStatusCode.Conflict, memberSave.StatusCode);
        var conflict = await PortalClient.ParseAsync(memberSave);
        Assert.NotNull(conflict.QuerySelector(".ep-conflict"));
        Assert.Equal("نسخة القائد", await _portal.WithDbAsync(db => db.HackathonSubmissions.Where(s => s.EventId == e.Id).Select(s => s.Title).SingleAsync()));
    }

    [Fact]
    public async Task Files_AreCheckedByContent_AndOnlyTheTeamAndTheAgencysStaffOpenThem()
    {
        var e = await HackathonAsync();
        var (leader, _, _) = await TeamAsync(e, "فريق الملفات");
        var (otherTeam, _, _) = await TeamAsync(e, "فريق آخر");
        At(e.StartsAt.AddHours(1));

        var renamed = await UploadAsync(leader, e.Id, "تقرير.pdf", "MZ\u0090\u0000 not a pdf"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, renamed.StatusCode);
        var uploaded = await UploadAsync(leader, e.Id, "العرض.pdf", "%PDF-1.7\n%test\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var (submissionId, fileId) = await _portal.WithDbAsync(async db =>
        {
            var s = await db.HackathonSubmissions.Include(x => x.Files).SingleAsync(x => x.EventId == e.Id);
            return (s.Id, s.Files.Single().Id);
        });
        var path = $"/ar/events/{e.Id}/submissions/{submissionId}/files/{fileId}";

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTeam.GetAsync(path)).StatusCode);
        var (stranger, _) = await TestAccounts.SignedInAsync(_portal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/ar/events/{e.Id}/submission")).StatusCode);
        var otherPage = await otherTeam.PageAsync($"/ar/events/{e.Id}/submission");
        Assert.DoesNotContain("العرض.pdf", otherPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var (staff, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.CaseOfficer], agencyCode: "moj");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(path)).StatusCode);
        var (otherAgency, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moh");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync($"/ar/events/manage/{e.Id}/hackathon")).StatusCode);
    }

    [Fact]
    public async Task Judges_ScoreEachCriterion_SeeOnlyTheirOwnScores_AndTheRankingIsWeighted()
    {
        var e = await HackathonAsync();
        var impact = await CriterionAsync(e, "الأثر", weight: 70, max: 10);
        var design = await CriterionAsync(e, "التصميم", weight: 30, max: 5);
        var (publisher, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var (judgeA, a) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.CaseOfficer], agencyCode: "moj");
        var (judgeB, b) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.VocAnalyst], agencyCode: "moj");
        var (notJudge, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.CaseOfficer], agencyCode: "moj");
        foreach (var judge in new[] { a, b })
        {
            var added = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string> { ["judgeEmail"] = judge.Email! }, actionEndsWith: "/hackathon/judges");
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var citizen = await TestAccounts.CreateAsync(_portal);
        var refused = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string> { ["judgeEmail"] = citizen.Email! }, actionEndsWith: "/hackathon/judges");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var first = await SubmitDirectlyAsync(e, "فريق أ", "النتيجة أ");
        var second = await SubmitDirectlyAsync(e, "فريق ب", "النتيجة ب");
        At(e.StartsAt.AddHours(1));

        await ReviewAsync(judgeA, e.Id, first, (impact, 10), (design, 5), "عمل ممتاز من المحكم الأول");
        await ReviewAsync(judgeA, e.Id, second, (impact, 5), (design, 5), "عمل جيد");
        var before = await judgeB.PageAsync($"/ar/events/manage/{e.Id}/judging/{first}");
        Assert.Equal("", before.QuerySelector($"input[name='Input.Scores[{impact}]']")!.GetAttribute("value") ?? "");
        Assert.DoesNotContain("عمل ممتاز من المحكم الأول", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await ReviewAsync(judgeB, e.Id, first, (impact, 8), (design, 1), "يحتاج إلى تصميم أفضل");
        await ReviewAsync(judgeB, e.Id, second, (impact, 6), (design, 5), "تصميم رائع");
        var outOfRange = await judgeB.SubmitAsync($"/ar/events/manage/{e.Id}/judging/{second}", new Dictionary<string, string> { [$"Input.Scores[{design}]"] = "6" }, actionEndsWith: $"/judging/{second}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);

        // First: (9/10 x 70 + 3/5 x 30) = 81; second: (5.5/10 x 70 + 5/5 x 30) = 68.5.
        var ranking = await _portal.WithScopeAsync(sp => sp.GetRequiredService<Hackathons>().RankingAsync(e.Id, CancellationToken.None));
        Assert.Equal([first, second], ranking.Select(r => r.Submission.Id));
        Assert.Equal([81m, 68.5m], ranking.Select(r => r.Total));
        var rows = (await publisher.PageAsync($"/ar/events/manage/{e.Id}/hackathon")).QuerySelectorAll("#results tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("النتيجة أ", rows[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await notJudge.GetAsync($"/ar/events/manage/{e.Id}/judging/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await notJudge.GetAsync($"/ar/events/manage/{e.Id}/judging")).StatusCode);
    }

    [Fact]
    public async Task Results_AfterPublishing_WinnersArePublic_EachTeamReadsOnlyItsFeedback_AndIsEmailedOnce()
    {
        var e = await HackathonAsync();
        var impact = await CriterionAsync(e, "الأثر", weight: 100, max: 10);
        var (publisher, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var (judge, judgeUser) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.CaseOfficer], agencyCode: "moj");
        await _portal.WithDbAsync(async db =>
        {
            db.HackathonJudges.Add(new HackathonJudge { EventId = e.Id, UserId = judgeUser.Id, AddedAt = _portal.Now });
            await db.SaveChangesAsync();
        });
        var (winnerLeader, _, winnerUser) = await TeamAsync(e, "فريق الفوز");
        var (otherLeader, _, _) = await TeamAsync(e, "فريق المحاولة");
        At(e.StartsAt.AddHours(1));
        await winnerLeader.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string> { ["Input.Title"] = "حل العدالة السريعة", ["Input.Summary"] = "ملخص" }, actionEndsWith: "/submission");
        await otherLeader.SubmitAsync($"/ar/events/{e.Id}/submission", new Dictionary<string, string> { ["Input.Title"] = "حل آخر", ["Input.Summary"] = "ملخص" }, actionEndsWith: "/submission");
        var ids = await _portal.WithDbAsync(db => db.HackathonSubmissions.Where(s => s.EventId == e.Id).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
        await ReviewAsync(judge, e.Id, ids[0], [(impact, 9)], "ملاحظة للفريق الفائز");
        await ReviewAsync(judge, e.Id, ids[1], [(impact, 4)], "ملاحظة للفريق الآخر");

        // Before publishing: no feedback, no winners.
        Assert.DoesNotContain("ملاحظة للفريق الفائز", (await winnerLeader.PageAsync($"/ar/events/{e.Id}/submission")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await _portal.Client().PageAsync($"/ar/events/{e.Id}")).QuerySelector("#results"));
        var early = await EventForms.PostAsync(publisher, $"/ar/events/manage/{e.Id}/hackathon", $"/ar/events/manage/{e.Id}/hackathon/publish");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        At(e.SubmissionsCloseAt!.Value.AddHours(1));
        Assert.Equal(HttpStatusCode.Redirect, (await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string>(), actionEndsWith: "/hackathon/publish")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await EventForms.PostAsync(publisher, $"/ar/events/manage/{e.Id}/hackathon", $"/ar/events/manage/{e.Id}/hackathon/publish")).StatusCode);

        var results = (await _portal.Client().PageAsync($"/ar/events/{e.Id}")).QuerySelector("#results")!.TextContent;
        Assert.Contains("حل العدالة السريعة", results, StringComparison.Ordinal);
        Assert.Contains("المركز الأول", results, StringComparison.Ordinal);
        Assert.DoesNotContain("ملاحظة", results, StringComparison.Ordinal);
        var winnerPage = (await winnerLeader.PageAsync($"/ar/events/{e.Id}/submission")).QuerySelector("#feedback")!.TextContent;
        Assert.Contains("ملاحظة للفريق الفائز", winnerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("ملاحظة للفريق الآخر", winnerPage, StringComparison.Ordinal);
        var emails = await _portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.Category == "event.results").Select(m => m.ToAddress).ToListAsync());
        Assert.Single(emails, winnerUser.Email!);
        Assert.Equal(4, emails.Count);
        var key = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, await _portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "hackathon.results.published" && a.EntityId == key)));
    }

    [Fact]
    public async Task Winner_LinkedToAnIdea_ShowsTheIdeaOnItsPublicEntry()
    {
        var e = await HackathonAsync();
        await CriterionAsync(e, "الأثر", weight: 100, max: 10);
        var (publisher, publisherUser) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var submission = await SubmitDirectlyAsync(e, "فريق الأفكار", "نتيجة صارت فكرة");
        At(e.SubmissionsCloseAt!.Value.AddHours(1));
        await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string>(), actionEndsWith: "/hackathon/publish");
        var idea = await CreateIdeaAsync(publisherUser.Id, "بوابة المواعيد الموحدة");

        var missing = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string> { ["ideaId"] = "999999" }, actionEndsWith: $"/submissions/{submission}/idea");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var linked = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}/hackathon", new Dictionary<string, string> { ["ideaId"] = idea.ToString(System.Globalization.CultureInfo.InvariantCulture) }, actionEndsWith: $"/submissions/{submission}/idea");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        var entry = (await _portal.Client().PageAsync($"/ar/events/{e.Id}")).QuerySelector("#results .ep-winner")!;
        Assert.Contains("نتيجة صارت فكرة", entry.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/ar/ideas/{idea}", entry.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("بوابة المواعيد الموحدة", entry.TextContent, StringComparison.Ordinal);
    }

    private void At(DateTime utc) => _portal.Clock.Set(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    // A hackathon open for registration, starting in ten days, taking submissions for six hours.
    private async Task<PortalEvent> HackathonAsync()
    {
        var e = await _portal.CreateEventAsync(kind: EventKind.Hackathon, capacity: 40, minTeam: 2, maxTeam: 4);
        await _portal.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubmissionsCloseAt, x => x.StartsAt.AddHours(6))));
        return await _portal.EventAsync(e.Id);
    }

    /// <summary>A team of two whose member has accepted; both signed in.</summary>
    private async Task<(PortalClient Leader, PortalClient Member, ApplicationUser LeaderUser)> TeamAsync(PortalEvent e, string name)
    {
        var leader = await TestAccounts.CreateAsync(_portal);
        var member = await TestAccounts.CreateAsync(_portal);
        var result = await _portal.WithScopeAsync(sp => sp.GetRequiredService<EventRegistrations>().RegisterAsync(e.Id, leader, SeatPool.General, name, [member.Email!], CancellationToken.None));
        Assert.Equal(RegistrationOutcome.Confirmed, result.Outcome);
        var email = EventRegistrations.Normalize(member.Email!);
        var token = await _portal.WithDbAsync(db => db.EventAttendees.Where(a => a.EventId == e.Id && a.Email == email).Select(a => a.InvitationToken!).SingleAsync());
        Assert.True(await _portal.WithScopeAsync(sp => sp.GetRequiredService<EventRegistrations>().AnswerInvitationAsync(token, member, true, CancellationToken.None)));
        var leaderClient = _portal.Client();
        await leaderClient.SignInAsync(leader.Email!, TestAccounts.Password);
        var memberClient = _portal.Client();
        await memberClient.SignInAsync(member.Email!, TestAccounts.Password);
        return (leaderClient, memberClient, leader);
    }

    private Task<int> CriterionAsync(PortalEvent e, string name, int weight, int max) => _portal.WithDbAsync(async db =>
    {
        var c = new HackathonCriterion { EventId = e.Id, Name = new(name, name), Weight = weight, MaxScore = max, Position = weight };
        db.HackathonCriteria.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    // A team of one (an individual registration) with its submission, for tests whose subject is judging.
    private async Task<int> SubmitDirectlyAsync(PortalEvent e, string name, string title)
    {
        var person = await TestAccounts.CreateAsync(_portal, name: name);
        await _portal.RegisterAsync(e.Id, person);
        return await _portal.WithDbAsync(async db =>
        {
            var registration = await db.EventRegistrations.SingleAsync(r => r.EventId == e.Id && r.UserId == person.Id);
            var s = new HackathonSubmission { EventId = e.Id, RegistrationId = registration.Id, Title = title, Summary = "ملخص", CreatedAt = _portal.Now, UpdatedAt = _portal.Now, UpdatedById = person.Id };
            db.HackathonSubmissions.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
    }

    private static Task ReviewAsync(PortalClient judge, int eventId, int submissionId, (int Criterion, int Score) one, (int Criterion, int Score) two, string feedback) =>
        ReviewAsync(judge, eventId, submissionId, [one, two], feedback);

    private static async Task ReviewAsync(PortalClient judge, int eventId, int submissionId, (int Criterion, int Score)[] scores, string feedback)
    {
        var fields = scores.ToDictionary(s => $"Input.Scores[{s.Criterion}]", s => s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["Input.Feedback"] = feedback;
        var response = await judge.SubmitAsync($"/ar/events/manage/{eventId}/judging/{submissionId}", fields, actionEndsWith: $"/judging/{submissionId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(PortalClient client, int eventId, string fileName, byte[] content)
    {
        var path = $"/ar/events/{eventId}/submission";
        var page = await client.PageAsync(path);
        var form = page.QuerySelector("form[enctype='multipart/form-data']")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(version), "Input.Version" },
            { new StringContent("عرضنا"), "Input.Title" },
            { new StringContent("ملخص العرض"), "Input.Summary" },
            { new ByteArrayContent(content), "Input.Files", fileName },
        };
        return await client.Http.PostAsync(path, multipart);
    }

    private Task<int> CreateIdeaAsync(Guid authorId, string title)
    {
        var now = _portal.Now;
        return _portal.WithDbAsync(async db =>
        {
            var idea = new Idea
            {
                AgencyId = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync(),
                SectorId = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                AuthorId = authorId,
                DisplayName = "مقدم الفكرة",
                Visibility = IdeaVisibility.Published,
                SubmissionKey = Guid.NewGuid(),
                CreatedAt = now,
                StatusChangedAt = now,
            };
            idea.Write(title, "المشكلة", "المقترح", "الفائدة");
            idea.Events.Add(new IdeaEvent { Kind = IdeaEventKind.Submitted, Status = IdeaStatus.New, At = now });
            db.Ideas.Add(idea);
            await db.SaveChangesAsync();
            return idea.Id;
        });
    }
}
