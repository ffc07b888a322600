using System.Text.Json;
using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>
/// Imports seeds/complaint-routing.json (the channels and the routing table, from the source page).
/// A row is added when its code is new; rows already there are never changed, so administrators'
/// edits survive restarts (except that a channel without its agency gets the one the file names).
/// </summary>
public sealed class ComplaintRoutingSeeder(SeedFiles files) : IDataSeeder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Order => 20;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var stream = File.OpenRead(Path.Combine(files.Folder, "complaint-routing.json"));
        var seed = await JsonSerializer.DeserializeAsync<RoutingSeed>(stream, Json, cancellationToken) ?? new RoutingSeed([], []);

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        int? AgencyOf(ChannelSeed c) => c.Agency is { } code && agencies.TryGetValue(code, out var id) ? id : null;
        var channels = await db.ComplaintChannels.ToDictionaryAsync(c => c.Code, cancellationToken);
        // A channel seeded before channels named their agency gets it (the wording stays as edited).
        foreach (var c in seed.Channels.Where(c => channels.TryGetValue(c.Code, out var kept) && kept.AgencyId is null))
        {
            channels[c.Code].AgencyId = AgencyOf(c);
        }
        foreach (var c in seed.Channels.Where(c => !channels.ContainsKey(c.Code)))
        {
            var channel = new ReferralChannel
            {
                Code = c.Code,
                Name = new LocalizedText(c.NameAr, c.NameEn),
                Handles = new LocalizedText(c.HandlesAr, c.HandlesEn),
                HowToReach = new LocalizedText(c.HowToReachAr, c.HowToReachEn),
                Prepare = new LocalizedText(c.PrepareAr, c.PrepareEn),
                Url = c.Url,
                StoresNothing = c.StoresNothing,
                AgencyId = AgencyOf(c),
            };
            db.ComplaintChannels.Add(channel);
            channels[c.Code] = channel;
        }
        await db.SaveChangesAsync(cancellationToken);

        var routes = await db.ComplaintRoutes.ToDictionaryAsync(r => r.Code, cancellationToken);
        // Parents come before their children in the file.
        foreach (var r in seed.Routes.Where(r => !routes.ContainsKey(r.Code)))
        {
            var route = new ComplaintRoute
            {
                Code = r.Code,
                Order = r.Order,
                Label = new LocalizedText(r.LabelAr, r.LabelEn),
                Hint = new LocalizedText(r.HintAr ?? "", r.HintEn ?? ""),
                Target = Enum.Parse<RouteTarget>(r.Target),
                Channel = r.Channel is null ? null : channels[r.Channel],
                Parent = r.Parent is null ? null : routes[r.Parent],
            };
            db.ComplaintRoutes.Add(route);
            routes[r.Code] = route;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record RoutingSeed(List<ChannelSeed> Channels, List<RouteSeed> Routes);

    private sealed record ChannelSeed(string Code, string NameAr, string NameEn, string HandlesAr, string HandlesEn, string HowToReachAr, string HowToReachEn, string PrepareAr, string PrepareEn, string? Url, bool StoresNothing, string? Agency = null);

    private sealed record RouteSeed(string Code, string? Parent, int Order, string Target, string? Channel, string LabelAr, string LabelEn, string? HintAr, string? HintEn);
}
