using System.Globalization;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Polls;

/// <summary>A voter's votes and declared groups in their data download, and what deleting the account leaves.</summary>
public sealed class PollsPersonalDataTests(PollsPortal factory) : IClassFixture<PollsPortal>
{
    [Fact]
    public async Task DownloadMyData_ListsMyVotesAndTheGroupsIDeclared()
    {
        var poll = await factory.CreatePollAsync();
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        await DeclaredGroups.DeclareAsync(factory, user, "youth", "women");
        await client.SubmitAsync($"/ar/polls/{poll.Id}", new Dictionary<string, string> { ["optionId"] = poll.Options[1].Id.ToString(CultureInfo.InvariantCulture) }, actionEndsWith: "/vote");

        var json = await client.Http.GetStringAsync("/ar/account/data");

        using var document = JsonDocument.Parse(json);
        var groups = document.RootElement.GetProperty("account").GetProperty("targetGroups").EnumerateArray().Select(g => g.GetProperty("code").GetString()).ToList();
        Assert.Equal(["women", "youth"], groups.Order(StringComparer.Ordinal));
        var vote = Assert.Single(document.RootElement.GetProperty("polls").EnumerateArray());
        Assert.Equal(poll.Id, vote.GetProperty("pollId").GetInt32());
        Assert.Equal("الخيار الثاني", vote.GetProperty("optionAr").GetString());
    }

    [Fact]
    public async Task DeleteMyAccount_KeepsMyVoteCountedWithoutMe_AndErasesMyDeclaredGroups()
    {
        var poll = await factory.CreatePollAsync();
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        await DeclaredGroups.DeclareAsync(factory, user, "elderly");
        await client.SubmitAsync($"/ar/polls/{poll.Id}", new Dictionary<string, string> { ["optionId"] = poll.Options[0].Id.ToString(CultureInfo.InvariantCulture) }, actionEndsWith: "/vote");

        await client.SubmitAsync("/ar/account/delete", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Understood"] = "true" });

        // The count does not move; the row points only at the anonymous tombstone (no name, no email).
        Assert.Equal(new Dictionary<int, int> { [poll.Options[0].Id] = 1 }, await factory.CountsAsync(poll.Id));
        var owner = await factory.WithDbAsync(db => db.PollVotes.Where(v => v.PollId == poll.Id)
            .Join(db.Users, v => v.UserId, u => u.Id, (v, u) => new { u.Email, u.FullName, u.DeletedAt }).SingleAsync());
        Assert.Null(owner.Email);
        Assert.Equal("", owner.FullName);
        Assert.NotNull(owner.DeletedAt);
        Assert.False(await factory.WithDbAsync(db => db.DeclaredTargetGroups.AnyAsync(d => d.UserId == user.Id)));
    }
}
