using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Polls.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Polls;

/// <summary>Polls limited to target groups: who declares a group on their account page votes; others are told why.</summary>
public sealed class TargetGroupTests(PollsPortal factory) : IClassFixture<PollsPortal>
{
    [Fact]
    public async Task Vote_InAPollForWomen_WithNoGroupDeclared_AsksToCompleteTheProfileAndStoresNothing()
    {
        var poll = await LimitedPollAsync("women");
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/polls/{poll.Id}";

        var page = await client.PageAsync(path);
        Assert.Null(page.QuerySelector("#vote-form"));
        Assert.Equal("/ar/account#groups", page.QuerySelector("#vote-groups a")!.GetAttribute("href"));

        var response = await PollForms.PostAsync(client, path, $"{path}/vote", Option(poll, 0));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = (await PortalClient.ParseAsync(response)).Body!.TextContent;
        Assert.Contains("أكمل ملفك الشخصي لتصوّت", text, StringComparison.Ordinal);
        Assert.Contains("المرأة", text, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.PollVotes.AnyAsync(v => v.PollId == poll.Id && v.UserId == user.Id)));
    }

    [Fact]
    public async Task Vote_InAPollForWomen_ByAnAccountDeclaringYouthOnly_IsRefusedWithTheGroupsItIsFor()
    {
        var poll = await LimitedPollAsync("women");
        var (client, user) = await TestAccounts.SignedInAsync(factory, language: "en");
        await DeclaredGroups.DeclareAsync(factory, user, "youth");
        var path = $"/en/polls/{poll.Id}";
        Assert.NotNull((await client.PageAsync(path)).QuerySelector("#vote-groups"));

        var response = await PollForms.PostAsync(client, path, $"{path}/vote", Option(poll, 1));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = (await PortalClient.ParseAsync(response)).Body!.TextContent;
        Assert.Contains("Only people who declare one of these groups on their account page may vote: Women.", text, StringComparison.Ordinal);
        Assert.Empty(await factory.CountsAsync(poll.Id));
    }

    [Fact]
    public async Task Vote_AfterDeclaringTheGroupOnTheAccountPage_IsRecordedAndCounted()
    {
        var poll = await LimitedPollAsync("women", "persons-with-disabilities");
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var disability = await DeclaredGroups.IdAsync(factory, "persons-with-disabilities");

        var saved = await client.SubmitAsync("/ar/account", new Dictionary<string, string> { ["groups"] = disability.ToString(CultureInfo.InvariantCulture) }, actionEndsWith: "/account/groups", followRedirects: true);
        Assert.Contains("حُفظت الفئات التي تنتمي إليها", (await PortalClient.ParseAsync(saved)).Body!.TextContent, StringComparison.Ordinal);

        var path = $"/ar/polls/{poll.Id}";
        var voted = await client.SubmitAsync(path, Option(poll, 2), actionEndsWith: "/vote", followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, voted.StatusCode);
        Assert.Equal(new Dictionary<int, int> { [poll.Options[2].Id] = 1 }, await factory.CountsAsync(poll.Id));
        Assert.Equal(poll.Options[2].Id, await factory.WithDbAsync(db => db.PollVotes.Where(v => v.PollId == poll.Id && v.UserId == user.Id).Select(v => v.OptionId).SingleAsync()));
    }

    [Fact]
    public async Task Vote_InAPollAddressedToAGroupButNotLimited_IsOpenToEveryone()
    {
        var poll = await LimitedPollAsync("youth", limited: false);
        var (client, _) = await TestAccounts.SignedInAsync(factory);

        var voted = await client.SubmitAsync($"/ar/polls/{poll.Id}", Option(poll, 0), actionEndsWith: "/vote", followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, voted.StatusCode);
        Assert.Equal(new Dictionary<int, int> { [poll.Options[0].Id] = 1 }, await factory.CountsAsync(poll.Id));
    }

    private async Task<Poll> LimitedPollAsync(string group, string? other = null, bool limited = true)
    {
        var poll = await factory.CreatePollAsync();
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Polls.SingleAsync(p => p.Id == poll.Id);
            stored.LimitedToTargetGroups = limited;
            foreach (var code in new[] { group, other }.OfType<string>())
            {
                db.PollTargetGroups.Add(new PollTargetGroup { PollId = poll.Id, TargetGroupId = await db.TargetGroups.Where(g => g.Code == code).Select(g => g.Id).SingleAsync() });
            }
            await db.SaveChangesAsync();
        });
        return poll;
    }

    private static Dictionary<string, string> Option(Poll poll, int index) =>
        new() { ["optionId"] = poll.Options[index].Id.ToString(CultureInfo.InvariantCulture) };
}
