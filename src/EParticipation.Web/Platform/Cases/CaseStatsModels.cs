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

/// <summary>
/// Cases of one agency (or of several, pooled): how many came in, were answered, were answered within
/// the working-day clock and were reopened, with the distribution of working days to the first answer
/// (days, how many) and of the submitters' handling ratings (stars, how many).
/// </summary>
public sealed record CaseTotals(
    int Received,
    int Responded,
    int RespondedOnTime,
    int Reopened,
    IReadOnlyDictionary<int, int> FirstResponseWorkingDays,
    IReadOnlyDictionary<int, int> HandlingRatings)
{
    public static readonly CaseTotals None = new(0, 0, 0, 0, new Dictionary<int, int>(), new Dictionary<int, int>());

    /// <summary>The median of the working days to the first answer, from the distribution; null when none was answered.</summary>
    public double? MedianWorkingDaysToFirstResponse => CaseStats.Median(FirstResponseWorkingDays.Select(d => (d.Key, d.Value)));

    public int Rated => HandlingRatings.Values.Sum();

    /// <summary>The mean handling rating, or null when there is none.</summary>
    public double? HandlingMean => Rated == 0 ? null : (double)HandlingRatings.Sum(r => r.Key * r.Value) / Rated;

    /// <summary>Several agencies' cases as one: counts added, distributions merged (so the median is that of every case).</summary>
    public static CaseTotals Pool(IEnumerable<CaseTotals> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        static Dictionary<int, int> Merge(IEnumerable<IReadOnlyDictionary<int, int>> maps) =>
            maps.SelectMany(m => m).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return new CaseTotals(
            list.Sum(t => t.Received), list.Sum(t => t.Responded), list.Sum(t => t.RespondedOnTime), list.Sum(t => t.Reopened),
            Merge(list.Select(t => t.FirstResponseWorkingDays)), Merge(list.Select(t => t.HandlingRatings)));
    }
}

/// <summary>How many participants the portal referred to one national channel, all months together, and the agency that runs the channel (null: none of the portal's agencies).</summary>
public sealed record ReferralChannelTotal(string Channel, Localization.LocalizedText Name, int Count, int? AgencyId = null);

/// <summary>
/// The referrals to national channels (940/Baladi, Kollona Amn, the Ministry of Commerce, the
/// communications regulator, the central bank) as another module may read them without reaching into
/// the complaints module that counts them. Implemented by the complaints module; a reader asks for it
/// with <c>GetService</c> and leaves the referrals out when no implementation is registered.
/// </summary>
public interface IReferralCounts
{
    /// <summary>Every channel, with its count (0 when none was referred), ordered by the channel's key. Raw counts: the reader applies its own minimum.</summary>
    Task<IReadOnlyList<ReferralChannelTotal>> ByChannelAsync(CancellationToken cancellationToken);
}
