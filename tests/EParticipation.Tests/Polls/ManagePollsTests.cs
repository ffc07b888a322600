using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Polls;

/// <summary>Agency publishers create, edit before opening and close early their own agency's polls.</summary>
public sealed class ManagePollsTests(PollsPortal factory) : IClassFixture<PollsPortal>
{
    [Fact]
    public async Task Publisher_CreatesAPoll_ItIsAudited_ListedForTheAgency_AndPublicAsUpcoming()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var question = "ما رأيك في خدمة المواعيد؟ " + Guid.NewGuid().ToString("N")[..6];

        var response = await publisher.SubmitAsync("/ar/polls/manage/new", new Dictionary<string, string>
        {
            ["Input.QuestionAr"] = question,
            ["Input.QuestionEn"] = "What do you think of the appointments service?",
            ["Input.Options[0].TextAr"] = "ممتازة",
            ["Input.Options[0].TextEn"] = "Excellent",
            ["Input.Options[1].TextAr"] = "مقبولة",
            ["Input.Options[2].TextAr"] = "ضعيفة",
            ["Input.OpensAt"] = "2026-11-24T08:00",
            ["Input.ClosesAt"] = "2026-12-10T08:00",
            ["Input.ResultsBeforeClosing"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var poll = await factory.WithDbAsync(db => db.Polls.Include(p => p.Options).SingleAsync(p => p.Question.Ar == question));
        Assert.Equal("ممتازة|مقبولة|ضعيفة", string.Join('|', poll.Options.OrderBy(o => o.Position).Select(o => o.Text.Ar)));
        // 08:00 Saudi time is 05:00 UTC.
        Assert.Equal(new DateTime(2026, 11, 24, 5, 0, 0, DateTimeKind.Utc), poll.OpensAt);
        Assert.True(poll.ResultsBeforeClosing);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "poll.created" && a.EntityId == poll.Id.ToString(CultureInfo.InvariantCulture))));
        var list = await publisher.PageAsync("/ar/polls/manage");
        Assert.Contains(question, list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var upcoming = await factory.Client().PageAsync("/ar/polls?status=upcoming");
        Assert.Contains(question, upcoming.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var staff = await publisher.PageAsync("/ar/staff");
        Assert.NotNull(staff.QuerySelector("a[href='/ar/polls/manage']"));
    }

    [Fact]
    public async Task Publisher_PicksTheDay_AndTypesTheTimeIn24Hours_AndSeesBothAgainWithTheHijriDay()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var form = await publisher.PageAsync("/en/polls/manage/new");
        // No AM/PM picker: a date field and a typed 24-hour time, grouped under the field's name.
        Assert.Null(form.QuerySelector("input[type=datetime-local]"));
        Assert.Equal("date", form.QuerySelector("input[name='Input.OpensAt']")!.GetAttribute("type"));
        Assert.Contains("24-hour", form.QuerySelector("label[for='Input_OpensAt_Time']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Opens on", form.QuerySelector("input[name='Input.OpensAt.Time']")!.Closest("fieldset")!.QuerySelector("legend")!.TextContent, StringComparison.Ordinal);
        var question = "استطلاع بوقت 24 ساعة " + Guid.NewGuid().ToString("N")[..6];

        var response = await publisher.SubmitAsync("/en/polls/manage/new", new Dictionary<string, string>
        {
            ["Input.QuestionAr"] = question,
            ["Input.Options[0].TextAr"] = "نعم",
            ["Input.Options[1].TextAr"] = "لا",
            ["Input.OpensAt"] = "2026-11-24",
            ["Input.OpensAt.Time"] = "17:30",
            ["Input.ClosesAt"] = "2026-12-10",
            ["Input.ClosesAt.Time"] = "٢٣:٠٥",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var poll = await factory.WithDbAsync(db => db.Polls.SingleAsync(p => p.Question.Ar == question));
        // 17:30 Saudi time is 14:30 UTC; Arabic-Indic digits read the same.
        Assert.Equal(new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), poll.OpensAt);
        Assert.Equal(new DateTime(2026, 12, 10, 20, 5, 0, DateTimeKind.Utc), poll.ClosesAt);
        var edit = await publisher.PageAsync($"/ar/polls/manage/{poll.Id}");
        Assert.Equal("2026-11-24", edit.QuerySelector("input[name='Input.OpensAt']")!.GetAttribute("value"));
        Assert.Equal("17:30", edit.QuerySelector("input[name='Input.OpensAt.Time']")!.GetAttribute("value"));
        Assert.Equal(EParticipation.Web.Platform.Calendar.DualDate.HijriWithClock(new DateOnly(2026, 11, 24), new TimeOnly(17, 30), "ar"), edit.QuerySelector("#Input_OpensAt-hijri")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("ar", "25:00", "أدخل اليوم والوقت بنظام 24 ساعة، مثل 14:30.")]
    [InlineData("en", "", "Enter the day and the time in 24 hours, for example 14:30.")]
    public async Task Create_WithATimeThatIsNotA24HourTime_IsRefused_AndTheTypedValuesAreShownBack(string lang, string time, string message)
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var question = "استطلاع بوقت خاطئ " + Guid.NewGuid().ToString("N")[..6];

        var response = await PollForms.PostAsync(publisher, $"/{lang}/polls/manage/new", $"/{lang}/polls/manage/new", [
            new("Input.QuestionAr", question), new("Input.Options[0].TextAr", "نعم"), new("Input.Options[1].TextAr", "لا"),
            new("Input.OpensAt", "2026-11-24"), new("Input.OpensAt.Time", time),
            new("Input.ClosesAt", "2026-12-10"), new("Input.ClosesAt.Time", "08:00")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector("#Input_OpensAt-error")!.TextContent.Trim());
        Assert.Equal("2026-11-24", page.QuerySelector("input[name='Input.OpensAt']")!.GetAttribute("value"));
        Assert.Equal(time, page.QuerySelector("input[name='Input.OpensAt.Time']")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("input[name='Input.OpensAt.Time']")!.GetAttribute("aria-invalid"));
        Assert.False(await factory.WithDbAsync(db => db.Polls.AnyAsync(p => p.Question.Ar == question)));
    }

    [Theory]
    [InlineData("ar", 1, "أدخل خيارين على الأقل.")]
    [InlineData("ar", 11, "للاستطلاع 10 خيارات على الأكثر.")]
    [InlineData("en", 1, "Give at least 2 options.")]
    [InlineData("en", 11, "A poll has at most 10 options.")]
    public async Task Create_WithTooFewOrTooManyOptions_IsRefusedWithALocalizedMessage_AndNothingSaved(string lang, int options, string message)
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var question = "سؤال مرفوض " + Guid.NewGuid().ToString("N")[..6];
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.QuestionAr", question),
            new("Input.OpensAt", "2026-11-24T08:00"),
            new("Input.ClosesAt", "2026-12-10T08:00"),
        };
        for (var i = 0; i < options; i++)
        {
            fields.Add(new($"Input.Options[{i}].TextAr", "خيار " + i));
        }

        var response = await PollForms.PostAsync(publisher, $"/{lang}/polls/manage/new", $"/{lang}/polls/manage/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector("#Input_Options-error")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Polls.AnyAsync(p => p.Question.Ar == question)));
    }

    [Fact]
    public async Task PublisherOfAnotherAgency_GetsNotFound_ForEveryScreenAndAction()
    {
        var poll = await factory.CreatePollAsync(agency: "moj", opensIn: TimeSpan.FromDays(2), closesIn: TimeSpan.FromDays(9));
        var open = await factory.CreatePollAsync(agency: "moj");
        var (other, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ar/polls/manage/{poll.Id}")).StatusCode);
        var edit = await PollForms.PostAsync(other, "/ar/polls/manage", $"/ar/polls/manage/{poll.Id}", [
            new("Input.QuestionAr", "سؤال مختطف"), new("Input.Options[0].TextAr", "أ"), new("Input.Options[1].TextAr", "ب"),
            new("Input.OpensAt", "2026-11-26T08:00"), new("Input.ClosesAt", "2026-12-10T08:00")]);
        var close = await PollForms.PostAsync(other, "/ar/polls/manage", $"/ar/polls/manage/{open.Id}/close");

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Polls.Where(p => p.Id == poll.Id || p.Id == open.Id).ToListAsync());
        Assert.Equal(poll.Question.Ar, stored.Single(p => p.Id == poll.Id).Question.Ar);
        Assert.Null(stored.Single(p => p.Id == open.Id).ClosedEarlyAt);
    }

    [Fact]
    public async Task Publisher_EditsBeforeOpening_ButNotOnceOpen_AndClosesEarly()
    {
        var upcoming = await factory.CreatePollAsync(agency: "moj", opensIn: TimeSpan.FromDays(2), closesIn: TimeSpan.FromDays(9));
        var open = await factory.CreatePollAsync(agency: "moj");
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");

        var saved = await publisher.SubmitAsync($"/ar/polls/manage/{upcoming.Id}", new Dictionary<string, string> { ["Input.Options[3].TextAr"] = "خيار رابع" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(4, await factory.WithDbAsync(db => db.PollOptions.CountAsync(o => o.PollId == upcoming.Id)));

        var openPage = await publisher.PageAsync($"/ar/polls/manage/{open.Id}");
        Assert.NotNull(openPage.QuerySelector("fieldset[disabled]"));
        var refused = await PollForms.PostAsync(publisher, "/ar/polls/manage", $"/ar/polls/manage/{open.Id}", [
            new("Input.QuestionAr", "سؤال بعد الفتح"), new("Input.Options[0].TextAr", "أ"), new("Input.Options[1].TextAr", "ب"),
            new("Input.OpensAt", "2026-11-26T08:00"), new("Input.ClosesAt", "2026-12-10T08:00")]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var closed = await publisher.SubmitAsync($"/ar/polls/manage/{open.Id}", new Dictionary<string, string>(), actionEndsWith: "/close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Polls.SingleAsync(p => p.Id == open.Id));
        Assert.Equal(factory.Now, stored.ClosedEarlyAt);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "poll.closed-early" && a.EntityId == open.Id.ToString(CultureInfo.InvariantCulture))));
        var publicPage = await factory.Client().PageAsync($"/ar/polls/{open.Id}");
        Assert.NotNull(publicPage.QuerySelector("#poll-results-table"));
    }

    [Fact]
    public async Task Participant_CannotOpenTheStaffScreens()
    {
        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/ar/polls/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/ar/polls/manage/new")).StatusCode);
    }

    [Fact]
    public async Task PublicList_FiltersOpenUpcomingAndClosed_AndTheHomePageLinksToIt()
    {
        var open = await factory.CreatePollAsync(questionAr: "استطلاع مفتوح " + Guid.NewGuid().ToString("N")[..6]);
        var closed = await factory.CreatePollAsync(opensIn: TimeSpan.FromDays(-10), closesIn: TimeSpan.FromDays(-1), questionAr: "استطلاع مغلق " + Guid.NewGuid().ToString("N")[..6]);
        var client = factory.Client();

        var openList = (await client.PageAsync("/ar/polls")).QuerySelector("main")!.TextContent;
        var closedList = (await client.PageAsync("/ar/polls?status=closed")).QuerySelector("main")!.TextContent;

        Assert.Contains(open.Question.Ar, openList, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.Question.Ar, openList, StringComparison.Ordinal);
        Assert.Contains(closed.Question.Ar, closedList, StringComparison.Ordinal);
        var home = await client.PageAsync("/ar");
        Assert.NotNull(home.QuerySelector("#channels-title ~ ul a[href='/ar/polls']"));
    }
}
