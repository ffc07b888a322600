namespace EParticipation.Web.Platform.Seeding;

/// <summary>
/// A clock that stays at one moment: demo seeders hand it to the real services (ratings, the case
/// workflow) so that what they store carries a past date and every derived figure (monthly aggregates,
/// due days, working days to the answer) is computed as it would have been on that day.
/// </summary>
public sealed class FixedClock(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}
