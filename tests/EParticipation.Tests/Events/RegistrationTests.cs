using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Events;

public sealed class RegistrationTests : IDisposable
{
    private readonly SmtpReceiver _smtp = new();
    private readonly EventsPortal _portal = new();

    public RegistrationTests()
    {
        _portal.WithSmtp(_smtp);
    }

    public void Dispose()
    {
        _portal.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task Register_WhenThirtyRaceForTenPlaces_TenAreConfirmedAndTwentyWait()
    {
        var e = await _portal.CreateEventAsync(capacity: 10);
        var users = new List<ApplicationUser>();
        for (var i = 0; i < 30; i++)
        {
            users.Add(await TestAccounts.CreateAsync(_portal));
        }

        var results = await Task.WhenAll(users.Select(u => Task.Run(() => _portal.RegisterAsync(e.Id, u))));

        Assert.Equal(10, results.Count(r => r.Outcome == RegistrationOutcome.Confirmed));
        Assert.Equal(20, results.Count(r => r.Outcome == RegistrationOutcome.Waitlisted));
        var stored = await _portal.EventAsync(e.Id);
        Assert.Equal(10, stored.GeneralTaken);
        Assert.Equal(10, await _portal.WithDbAsync(db => db.EventRegistrations.Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed).SumAsync(r => r.Seats)));
    }

    [Fact]
    public async Task Cancel_WhenPeopleWait_TheFirstInLineGetsThePlaceAndAnEmail()
    {
        var e = await _portal.CreateEventAsync(capacity: 1);
        var holder = await TestAccounts.CreateAsync(_portal);
        var first = await TestAccounts.CreateAsync(_portal, email: $"first-{Guid.NewGuid():N}@example.test");
        var second = await TestAccounts.CreateAsync(_portal, email: $"second-{Guid.NewGuid():N}@example.test");
        var held = await _portal.RegisterAsync(e.Id, holder);
        Assert.Equal(RegistrationOutcome.Waitlisted, (await _portal.RegisterAsync(e.Id, first)).Outcome);
        Assert.Equal(RegistrationOutcome.Waitlisted, (await _portal.RegisterAsync(e.Id, second)).Outcome);

        Assert.True(await _portal.WithScopeAsync(sp => sp.GetRequiredService<EventRegistrations>().CancelAsync(held.RegistrationId!.Value, holder.Id, CancellationToken.None)));

        var mail = await _smtp.Mailbox.WaitForAsync(first.Email!, m => m.Subject.StartsWith("شَغَر مقعد", StringComparison.Ordinal), timeoutSeconds: 30);
        Assert.Contains("رمز حضورك", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(mail.Message.Attachments, a => a.ContentType.MimeType == "text/calendar");
        var statuses = await _portal.WithDbAsync(db => db.EventRegistrations.Where(r => r.EventId == e.Id).ToDictionaryAsync(r => r.UserId, r => r.Status));
        Assert.Equal(RegistrationStatus.Confirmed, statuses[first.Id]);
        Assert.Equal(RegistrationStatus.Waitlisted, statuses[second.Id]);
        Assert.Equal(1, (await _portal.EventAsync(e.Id)).GeneralTaken);
    }

    [Fact]
    public async Task Register_WithReservedSeats_EachGroupHasItsOwnCountAndOverflowsToGeneralPlaces()
    {
        var e = await _portal.CreateEventAsync(capacity: 4, women: 2);
        var outcomes = new List<RegistrationOutcome>();
        for (var i = 0; i < 3; i++)
        {
            var woman = await DeclaredGroups.DeclareAsync(_portal, await TestAccounts.CreateAsync(_portal), "women");
            outcomes.Add((await _portal.RegisterAsync(e.Id, woman, SeatPool.Women)).Outcome);
        }
        for (var i = 0; i < 2; i++)
        {
            outcomes.Add((await _portal.RegisterAsync(e.Id, await TestAccounts.CreateAsync(_portal))).Outcome);
        }

        var stored = await _portal.EventAsync(e.Id);
        Assert.Equal(2, stored.WomenTaken);
        Assert.Equal(2, stored.GeneralTaken);
        // Three women: two reserved places, then a general one; of the two others, one place was left.
        Assert.Equal([RegistrationOutcome.Confirmed, RegistrationOutcome.Confirmed, RegistrationOutcome.Confirmed, RegistrationOutcome.Confirmed, RegistrationOutcome.Waitlisted], outcomes);
        var page = await _portal.Client().PageAsync($"/ar/events/{e.Id}");
        Assert.Contains("النساء: 2 محجوزة، المتبقي 0", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamRegistration_MembersAcceptByTheirLink_EachGetsACodeAndTheTeamHoldsOnePlacePerPerson()
    {
        var e = await _portal.CreateEventAsync(capacity: 10, kind: EventKind.Hackathon, minTeam: 2, maxTeam: 4);
        var (leaderClient, leader) = await TestAccounts.SignedInAsync(_portal);
        var member = await TestAccounts.CreateAsync(_portal, email: $"member-{Guid.NewGuid():N}@example.test");
        var response = await leaderClient.SubmitAsync($"/ar/events/{e.Id}", new Dictionary<string, string>
        {
            ["Input.AsTeam"] = "true",
            ["Input.TeamName"] = "فريق الابتكار",
            ["Input.MemberEmails"] = member.Email! + "\nother-" + Guid.NewGuid().ToString("N")[..6] + "@example.test",
        }, actionEndsWith: "/register");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(3, (await _portal.EventAsync(e.Id)).GeneralTaken);

        var invitation = await _smtp.Mailbox.WaitForAsync(member.Email!, m => m.Subject.StartsWith("أنت مدعو", StringComparison.Ordinal), timeoutSeconds: 30);
        var link = new Uri(invitation.LinkContaining("/events/invitations/")).PathAndQuery;
        var memberClient = _portal.Client();
        await memberClient.SignInAsync(member.Email!, TestAccounts.Password);
        var accepted = await memberClient.SubmitAsync(link, new Dictionary<string, string> { ["answer"] = "accept" }, actionEndsWith: link);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var page = await memberClient.PageAsync($"/ar/events/{e.Id}");
        var mine = page.QuerySelector("#my-registration")!.TextContent;
        Assert.Contains("فريق «فريق الابتكار»", mine, StringComparison.Ordinal);
        var codes = await _portal.WithDbAsync(db => db.EventAttendees.Where(a => a.EventId == e.Id).Select(a => a.Code).ToListAsync());
        Assert.Equal(3, codes.Distinct().Count());
        Assert.Contains(codes, c => mine.Contains(c, StringComparison.Ordinal));
        Assert.NotNull(leader);
    }

    [Fact]
    public async Task TeamRegistration_WithTooManyMembers_IsRefusedWithTheLimitsAndNothingSaved()
    {
        var e = await _portal.CreateEventAsync(capacity: 10, kind: EventKind.Hackathon, minTeam: 2, maxTeam: 2);
        var (client, _) = await TestAccounts.SignedInAsync(_portal);
        var response = await client.SubmitAsync($"/ar/events/{e.Id}", new Dictionary<string, string>
        {
            ["Input.AsTeam"] = "true",
            ["Input.TeamName"] = "فريق",
            ["Input.MemberEmails"] = "a1@example.test\na2@example.test",
        }, actionEndsWith: "/register");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("يتكون الفريق من 2 إلى 2 أشخاص", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await _portal.EventAsync(e.Id)).GeneralTaken);
    }
}
