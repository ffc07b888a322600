namespace EParticipation.Web.Platform.Cases;

/// <summary>One agency's cases received in one month (Saudi time), or only its size when under the threshold.</summary>
public sealed record AgencyMonthStats(
    string Agency,
    string AgencyNameAr,
    string AgencyNameEn,
    int Year,
    int Month,
    bool Suppressed,
    int? Received,
    int? Responded,
    int? RespondedOnTime,
    double? MedianWorkingDaysToFirstResponse,
    int? Reopened,
    IReadOnlyDictionary<string, int>? EndStates);

/// <summary>How many participants one channel received from the portal's referrals in one month.</summary>
public sealed record ReferralMonthStats(string Channel, int Year, int Month, int? Count, bool Suppressed);

public sealed record CaseStatsReport(DateTime GeneratedAt, int MinimumGroupSize, IReadOnlyList<AgencyMonthStats> Agencies, IReadOnlyList<ReferralMonthStats> Referrals);

/// <summary>A module that adds its own figures to the case statistics (the complaints' referral counts).</summary>
public interface ICaseStatsContributor
{
    Task<IReadOnlyList<ReferralMonthStats>> ReferralsAsync(CancellationToken cancellationToken);
}
