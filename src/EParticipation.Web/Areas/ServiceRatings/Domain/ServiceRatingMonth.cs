namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>
/// The running figures of one service in one month (UTC, the month the rating was given), kept in
/// the same transaction as each rating: the dashboard reads these rows, never the ratings.
/// </summary>
public class ServiceRatingMonth
{
    public long Id { get; set; }

    public int ServiceId { get; set; }

    /// <summary>Copied from the service so an agency's figures are one indexed sum.</summary>
    public int AgencyId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public int Count { get; set; }

    public int Stars1 { get; set; }

    public int Stars2 { get; set; }

    public int Stars3 { get; set; }

    public int Stars4 { get; set; }

    public int Stars5 { get; set; }

    public int EaseSum { get; set; }

    public int EaseCount { get; set; }

    public int SpeedSum { get; set; }

    public int SpeedCount { get; set; }

    public int ClaritySum { get; set; }

    public int ClarityCount { get; set; }

    public int StaffSum { get; set; }

    public int StaffCount { get; set; }

    public int OnlineCount { get; set; }

    public int ServiceCentreCount { get; set; }

    public int PhoneCount { get; set; }

    public static DateOnly MonthOf(DateTime at) => new(at.Year, at.Month, 1);
}
