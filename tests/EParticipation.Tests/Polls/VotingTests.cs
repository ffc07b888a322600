using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Polls;

/// <summary>One vote per account, changeable until closing, and who sees the results when.</summary>
public sealed class VotingTests(PollsPortal factory) : IClassFixture<PollsPortal>
{
    [Fact]
    public async Task Vote_TwentyParallelPostsByOneAccount_StoreOneVote()
    {
        var poll = await factory.CreatePollAsync();
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/polls/{poll.Id}";
        var form = (IHtmlFormElement)(await client.PageAsync(path)).QuerySelector("#vote-form")!;
        var first = poll.Options[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SubmitAsync(form, path, new Dictionary<string, string> { ["optionId"] = first })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var rows = await factory.WithDbAsync(db => db.PollVotes.CountAsync(v => v.PollId == poll.Id && v.UserId == user.Id));
        Assert.Equal(1, rows);
        Assert.Equal(new Dictionary<int, int> { [poll.Options[0].Id] = 1 }, await factory.CountsAsync(poll.Id));
        var page = await client.PageAsync(path);
        Assert.Contains("مصوّت واحد", page.QuerySelector("#poll-voters")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeVote_MovesTheCountFromOneOptionToTheOther()
    {
        var poll = await factory.CreatePollAsync();
        var (client, _) = await TestAccounts.SignedInAsync(factory);
        var (other, _) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/polls/{poll.Id}";
        await Vote(other, path, poll.Options[0].Id);
        await Vote(client, path, poll.Options[0].Id);
        Assert.Equal(2, (await factory.CountsAsync(poll.Id))[poll.Options[0].Id]);

        var changed = await Vote(client, path, poll.Options[2].Id);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var counts = await factory.CountsAsync(poll.Id);
        Assert.Equal(1, counts[poll.Options[0].Id]);
        Assert.Equal(1, counts[poll.Options[2].Id]);
        var page = await PortalClient.ParseAsync(changed);
        Assert.Contains("غُيّر صوتك", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector($"#poll-results-table tr[data-option='{poll.Options[2].Id}'] td")!.GetAttribute("data-value"));
        Assert.True(page.QuerySelector($"#option-{poll.Options[2].Id}")!.HasAttribute("checked"), "The form shows the new choice.");
        Assert.Contains("مصوّتان", page.QuerySelector("#poll-voters")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_HiddenBeforeVoting_InThePageAndTheApi_ThenShownAfterVoting()
    {
        var poll = await factory.CreatePollAsync(resultsBeforeClosing: false);
        var (voter, _) = await TestAccounts.SignedInAsync(factory);
        var (client, _) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/polls/{poll.Id}";
        await Vote(voter, path, poll.Options[1].Id);

        foreach (var viewer in new[] { factory.Client(), client })
        {
            var html = await (await viewer.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("poll-results-table", html, StringComparison.Ordinal);
            Assert.DoesNotContain("poll-voters", html, StringComparison.Ordinal);
            Assert.Contains("results-hidden", html, StringComparison.Ordinal);
        }
        var api = await factory.Client().GetAsync($"/api/v1/polls/{poll.Id}");
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.DoesNotContain("votes", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await factory.Client().Http.GetStringAsync("/api/v1/polls?pageSize=100");
        Assert.DoesNotContain($"\"id\":{poll.Id},", list, StringComparison.Ordinal);

        var after = await Vote(client, path, poll.Options[1].Id);
        var page = await PortalClient.ParseAsync(after);
        Assert.Equal("2", page.QuerySelector($"#poll-results-table tr[data-option='{poll.Options[1].Id}'] td")!.GetAttribute("data-value"));
    }

    [Fact]
    public async Task Results_ShownToEveryoneBeforeClosing_WhenThePollSaysSo()
    {
        var poll = await factory.CreatePollAsync(resultsBeforeClosing: true);
        var (voter, _) = await TestAccounts.SignedInAsync(factory);
        await Vote(voter, $"/ar/polls/{poll.Id}", poll.Options[0].Id);

        var page = await factory.Client().PageAsync($"/en/polls/{poll.Id}");

        Assert.Equal("1", page.QuerySelector($"#poll-results-table tr[data-option='{poll.Options[0].Id}'] td")!.GetAttribute("data-value"));
        Assert.Contains("1 voter", page.QuerySelector("#poll-voters")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingByTheClock_RefusesVotes_AndPublishesTheResultsToEveryone_AndInTheApi()
    {
        var poll = await factory.CreatePollAsync(closesIn: TimeSpan.FromMinutes(30));
        var (voter, _) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/polls/{poll.Id}";
        await Vote(voter, path, poll.Options[0].Id);
        var form = (IHtmlFormElement)(await voter.PageAsync(path)).QuerySelector("#vote-form")!;

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var late = await voter.SubmitAsync(form, path, new Dictionary<string, string> { ["optionId"] = poll.Options[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(new Dictionary<int, int> { [poll.Options[0].Id] = 1 }, await factory.CountsAsync(poll.Id));
        var page = await factory.Client().PageAsync(path);
        Assert.Null(page.QuerySelector("#vote-form"));
        Assert.Equal("1", page.QuerySelector($"#poll-results-table tr[data-option='{poll.Options[0].Id}'] td")!.GetAttribute("data-value"));
        using var json = JsonDocument.Parse(await factory.Client().Http.GetStringAsync($"/api/v1/polls/{poll.Id}"));
        Assert.Equal(1, json.RootElement.GetProperty("voters").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("options")[0].GetProperty("votes").GetInt32());
        var csv = await factory.Client().Http.GetByteArrayAsync("/api/v1/polls/csv");
        Assert.Equal("EFBBBF", Convert.ToHexString(csv, 0, 3));
        Assert.Contains(poll.Question.Ar, System.Text.Encoding.UTF8.GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vote_WithoutSigningIn_IsNotRecorded()
    {
        var poll = await factory.CreatePollAsync();
        var anonymous = factory.Client();
        var page = await anonymous.PageAsync($"/ar/polls/{poll.Id}");
        Assert.Null(page.QuerySelector("#vote-form"));

        var response = await PollForms.PostAsync(anonymous, "/ar/polls", $"/ar/polls/{poll.Id}/vote", new Dictionary<string, string> { ["optionId"] = poll.Options[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await factory.CountsAsync(poll.Id));
    }

    private static async Task<HttpResponseMessage> Vote(PortalClient client, string path, int optionId) =>
        await client.SubmitAsync(path, new Dictionary<string, string> { ["optionId"] = optionId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, actionEndsWith: "/vote", followRedirects: true);
}
