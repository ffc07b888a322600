namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>The sums of aggregate rows for one key (a service or an agency) and month.</summary>
public sealed class MonthSum
{
    public int Key { get; init; }

    public DateOnly Month { get; init; }

    public int Count { get; init; }

    public int Stars1 { get; init; }

    public int Stars2 { get; init; }

    public int Stars3 { get; init; }

    public int Stars4 { get; init; }

    public int Stars5 { get; init; }

    public int EaseSum { get; init; }

    public int EaseCount { get; init; }

    public int SpeedSum { get; init; }

    public int SpeedCount { get; init; }

    public int ClaritySum { get; init; }

    public int ClarityCount { get; init; }

    public int StaffSum { get; init; }

    public int StaffCount { get; init; }

    public int Online { get; init; }

    public int Centre { get; init; }

    public int Phone { get; init; }
}
