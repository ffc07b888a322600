using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// Demo ratings, so the performance dashboard of a new demo shows figures, charts and their tables
/// rather than "not enough data" everywhere: 30 demo citizens, residents and visitors (accounts with no
/// password: nobody signs in as them) rate the Ministry of Health's and the Ministry of Human
/// Resources' services over the last four months. Each rating goes through <see cref="RatingSubmission"/>
/// at its own date, so the monthly aggregates are exactly what the ratings give. Added once: nothing is
/// done when the first demo rater exists.
/// </summary>
public sealed class ServiceRatingsDemoSeeder(
    UserManager<ApplicationUser> users,
    CaseWorkflow workflow,
    IStringLocalizerFactory localizers,
    TimeProvider clock) : IDataSeeder
{
    public const int Raters = 30;

    /// <summary>The agencies whose services get demo ratings (other agencies' dashboards stay empty until rated).</summary>
    public static readonly IReadOnlyList<string> Agencies = ["moh", "hrsd"];

    public int Order => 270;

    public bool DemoOnly => true;

    public static string RaterEmail(int i) => $"rater{i:00}@raters.demo.portal.test";

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await users.FindByEmailAsync(RaterEmail(1)) is not null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var raters = new List<Guid>();
        for (var i = 1; i <= Raters; i++)
        {
            var rater = new ApplicationUser
            {
                UserName = RaterEmail(i),
                Email = RaterEmail(i),
                EmailConfirmed = true,
                FullName = $"مستفيد تجريبي {i}",
                AccountType = (i % 5) switch { 3 => AccountType.Resident, 4 => AccountType.Visitor, _ => AccountType.Citizen },
                CreatedAt = now.AddDays(-150),
            };
            var created = await users.CreateAsync(rater);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("A demo rater could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
            raters.Add(rater.Id);
        }

        var agencyIds = await db.Agencies.Where(a => Agencies.Contains(a.Code)).Select(a => a.Id).ToListAsync(cancellationToken);
        var services = await db.GovernmentServices.AsNoTracking()
            .Where(s => agencyIds.Contains(s.AgencyId) && !s.IsRetired)
            .OrderBy(s => s.Code)
            .ToListAsync(cancellationToken);
        // The same demo every time: a fixed seed, most ratings good, some poor, a few very poor.
        var random = new Random(1448);
        int[] stars = [1, 2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5];
        foreach (var service in services)
        {
            foreach (var rater in raters)
            {
                if (random.Next(10) >= 7)
                {
                    continue;
                }
                var overall = stars[random.Next(stars.Length)];
                var channel = random.Next(4) == 0 ? ServiceChannel.ServiceCentre : ServiceChannel.Online;
                var at = now.AddDays(-random.Next(1, 120)).AddMinutes(-random.Next(24 * 60));
                var input = new RatingInput
                {
                    SubmissionKey = Guid.NewGuid(),
                    Overall = overall,
                    Ease = Near(overall, random),
                    Speed = Near(overall, random),
                    Clarity = random.Next(5) == 0 ? null : Near(overall, random),
                    Staff = channel == ServiceChannel.ServiceCentre ? Near(overall, random) : null,
                    Channel = channel,
                };
                await new RatingSubmission(db, workflow, localizers, new FixedClock(at)).SubmitAsync(service, rater, input, cancellationToken);
            }
        }
    }

    // A dimension's score near the overall one.
    private static int Near(int overall, Random random) => Math.Clamp(overall + random.Next(-1, 2), 1, 5);
}
