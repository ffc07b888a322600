using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Events;

/// <summary>A participant's registrations in their data download, and what deleting the account does to them.</summary>
public sealed class EventsPersonalDataTests : IDisposable
{
    private readonly SmtpReceiver _smtp = new();
    private readonly EventsPortal _portal = new();

    public EventsPersonalDataTests()
    {
        _portal.WithSmtp(_smtp);
    }

    public void Dispose()
    {
        _portal.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task DownloadMyData_ListsMyRegistrationsWithTheirCheckInCodes()
    {
        var e = await _portal.CreateEventAsync(capacity: 5);
        var (client, user) = await TestAccounts.SignedInAsync(_portal);
        Assert.Equal(RegistrationOutcome.Confirmed, (await _portal.RegisterAsync(e.Id, user)).Outcome);
        var code = await _portal.WithDbAsync(db => db.EventAttendees.Where(a => a.UserId == user.Id).Select(a => a.Code).SingleAsync());

        var json = await client.Http.GetStringAsync("/ar/account/data");

        using var document = JsonDocument.Parse(json);
        var events = document.RootElement.GetProperty("events");
        var registration = Assert.Single(events.GetProperty("registrations").EnumerateArray());
        Assert.Equal(e.Id, registration.GetProperty("eventId").GetInt32());
        Assert.Equal("Confirmed", registration.GetProperty("status").GetString());
        Assert.Equal(code, Assert.Single(events.GetProperty("places").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task DeleteMyAccount_GivesMyPlaceInAComingEventToTheFirstWaiting_AndErasesMeFromAPastOne()
    {
        var coming = await _portal.CreateEventAsync(capacity: 1);
        var past = await _portal.CreateEventAsync(capacity: 5);
        var (client, user) = await TestAccounts.SignedInAsync(_portal);
        var first = await TestAccounts.CreateAsync(_portal, email: $"first-{Guid.NewGuid():N}@example.test");
        var second = await TestAccounts.CreateAsync(_portal);
        Assert.Equal(RegistrationOutcome.Confirmed, (await _portal.RegisterAsync(coming.Id, user)).Outcome);
        Assert.Equal(RegistrationOutcome.Waitlisted, (await _portal.RegisterAsync(coming.Id, first)).Outcome);
        Assert.Equal(RegistrationOutcome.Waitlisted, (await _portal.RegisterAsync(coming.Id, second)).Outcome);
        Assert.Equal(RegistrationOutcome.Confirmed, (await _portal.RegisterAsync(past.Id, user)).Outcome);
        var now = _portal.Now;
        await _portal.WithDbAsync(db => db.Events.Where(x => x.Id == past.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, now.AddDays(-3)).SetProperty(x => x.EndsAt, now.AddDays(-3).AddHours(4))));

        await client.SubmitAsync("/ar/account/delete", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Understood"] = "true" });

        var mail = await _smtp.Mailbox.WaitForAsync(first.Email!, m => m.Subject.StartsWith("شَغَر مقعد", StringComparison.Ordinal), timeoutSeconds: 30);
        Assert.Contains("رمز حضورك", mail.TextBody, StringComparison.Ordinal);
        var statuses = await _portal.WithDbAsync(db => db.EventRegistrations.Where(r => r.EventId == coming.Id).ToDictionaryAsync(r => r.UserId, r => r.Status));
        Assert.Equal(RegistrationStatus.Cancelled, statuses[user.Id]);
        Assert.Equal(RegistrationStatus.Confirmed, statuses[first.Id]);
        Assert.Equal(RegistrationStatus.Waitlisted, statuses[second.Id]);
        Assert.Equal(1, (await _portal.EventAsync(coming.Id)).GeneralTaken);

        // The past event keeps its attendance (one confirmed place), without the person's name or address.
        var kept = await _portal.WithDbAsync(db => db.EventAttendees.Where(a => a.EventId == past.Id).SingleAsync());
        Assert.DoesNotContain("@example.test", kept.Email, StringComparison.Ordinal);
        Assert.NotEqual("مستخدم اختبار", kept.Name);
        Assert.Equal(RegistrationStatus.Confirmed, await _portal.WithDbAsync(db => db.EventRegistrations.Where(r => r.EventId == past.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task DeleteMyAccount_AsAMemberOfAComingTeam_LeavesTheTeamOnePlaceSmaller()
    {
        var e = await _portal.CreateEventAsync(capacity: 3, minTeam: 2, maxTeam: 4);
        var leader = await TestAccounts.CreateAsync(_portal);
        var (client, member) = await TestAccounts.SignedInAsync(_portal);
        var waiting = await TestAccounts.CreateAsync(_portal);
        var team = await _portal.WithScopeAsync(sp => sp.GetRequiredService<EventRegistrations>()
            .RegisterAsync(e.Id, leader, SeatPool.General, "فريق الاختبار", [member.Email!, $"third-{Guid.NewGuid():N}@example.test"], CancellationToken.None));
        Assert.Equal(RegistrationOutcome.Confirmed, team.Outcome);
        Assert.Equal(RegistrationOutcome.Waitlisted, (await _portal.RegisterAsync(e.Id, waiting)).Outcome);

        await client.SubmitAsync("/ar/account/delete", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Understood"] = "true" });

        var registration = await _portal.WithDbAsync(db => db.EventRegistrations.Include(r => r.Attendees).SingleAsync(r => r.Id == team.RegistrationId));
        Assert.Equal(2, registration.Seats);
        Assert.DoesNotContain(registration.Attendees, a => a.Email == member.Email);
        Assert.Equal(RegistrationStatus.Confirmed, await _portal.WithDbAsync(db => db.EventRegistrations.Where(r => r.UserId == waiting.Id).Select(r => r.Status).SingleAsync()));
        var stored = await _portal.EventAsync(e.Id);
        Assert.Equal(3, stored.GeneralTaken);
    }

    [Fact]
    public async Task Register_ForAReservedSeat_WithoutDeclaringTheGroup_IsRefusedAndTakesNoSeat()
    {
        var e = await _portal.CreateEventAsync(capacity: 4, women: 2);
        var undeclared = await TestAccounts.CreateAsync(_portal);
        var declared = await DeclaredGroups.DeclareAsync(_portal, await TestAccounts.CreateAsync(_portal), "women");

        Assert.Equal(RegistrationOutcome.GroupNotDeclared, (await _portal.RegisterAsync(e.Id, undeclared, SeatPool.Women)).Outcome);
        Assert.Equal(RegistrationOutcome.Confirmed, (await _portal.RegisterAsync(e.Id, declared, SeatPool.Women)).Outcome);

        var stored = await _portal.EventAsync(e.Id);
        Assert.Equal(1, stored.WomenTaken);
        Assert.Equal(0, stored.GeneralTaken);
        Assert.Equal(1, await _portal.WithDbAsync(db => db.EventRegistrations.CountAsync(r => r.EventId == e.Id)));
    }
}
