using System.Net;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Cases;

/// <summary>The case statistics: counts per agency and month, no personal data, nothing for groups under 5.</summary>
public sealed class CaseStatsTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    [Fact]
    public async Task Stats_CountPerAgencyAndMonth_AndShowNoFigureForGroupsUnderFive()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, CasesPortal.Riyadh));
        var submitter = await TestAccounts.CreateAsync(factory, name: "اسم لا يظهر أبدًا");
        var officer = await TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "mewa");
        var mewa = new List<Case>();
        for (var i = 0; i < 6; i++)
        {
            mewa.Add(await factory.FileAsync(submitter, agency: "mewa"));
        }
        await factory.FileAsync(submitter, agency: "moe");
        await factory.FileAsync(submitter, agency: "moe");
        // Three answered: two after 4 working days (Wednesday 9 December), one after 13 (Tuesday 22 December).
        factory.Clock.Set(new DateTimeOffset(2026, 12, 9, 10, 0, 0, CasesPortal.Riyadh));
        await RespondAsync(mewa[0], officer.Id);
        await RespondAsync(mewa[1], officer.Id);
        factory.Clock.Set(new DateTimeOffset(2026, 12, 22, 10, 0, 0, CasesPortal.Riyadh));
        await RespondAsync(mewa[2], officer.Id);
        for (var i = 0; i < 5; i++)
        {
            await factory.Client().SubmitAsync("/ar/complaints", new Dictionary<string, string> { ["route"] = "municipal" });
        }
        await factory.Client().SubmitAsync("/ar/complaints", new Dictionary<string, string> { ["route"] = "telecom" });

        var response = await factory.Client().GetAsync("/api/v1/cases/stats");
        var json = await response.Content.ReadAsStringAsync();
        var csv = await factory.Client().GetAsync("/api/v1/cases/stats/csv");
        var csvText = await csv.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(json);
        var agencies = doc.RootElement.GetProperty("agencies").EnumerateArray().ToList();
        var water = agencies.Single(a => a.GetProperty("agency").GetString() == "mewa");
        Assert.Equal(6, water.GetProperty("received").GetInt32());
        Assert.Equal(3, water.GetProperty("responded").GetInt32());
        Assert.Equal(2, water.GetProperty("respondedOnTime").GetInt32());
        Assert.Equal(4, water.GetProperty("medianWorkingDaysToFirstResponse").GetDouble());
        Assert.Equal(2026, water.GetProperty("year").GetInt32());
        Assert.Equal(12, water.GetProperty("month").GetInt32());
        var education = agencies.Single(a => a.GetProperty("agency").GetString() == "moe");
        Assert.True(education.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, education.GetProperty("received").ValueKind);
        var referrals = doc.RootElement.GetProperty("referrals").EnumerateArray().ToList();
        Assert.Equal(5, referrals.Single(r => r.GetProperty("channel").GetString() == "baladi-940").GetProperty("count").GetInt32());
        Assert.True(referrals.Single(r => r.GetProperty("channel").GetString() == "cst").GetProperty("suppressed").GetBoolean());
        foreach (var text in new[] { json, csvText })
        {
            Assert.DoesNotContain("اسم لا يظهر أبدًا", text, StringComparison.Ordinal);
            Assert.DoesNotContain(submitter.Email!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(mewa[0].TrackingNumber, text, StringComparison.Ordinal);
            Assert.DoesNotContain(mewa[0].Subject, text, StringComparison.Ordinal);
        }
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"mewa\",", csvText, StringComparison.Ordinal);
        Assert.Contains(",2026,12,false,6,3,2,4,0,", csvText, StringComparison.Ordinal);
    }

    private Task<bool> RespondAsync(Case c, Guid officer) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            var tracked = await db.Cases.Include(x => x.Pauses).SingleAsync(x => x.Id == c.Id);
            return await sp.GetRequiredService<CaseWorkflow>().RespondAsync(tracked, "تمت المعالجة.", officer);
        });
}
