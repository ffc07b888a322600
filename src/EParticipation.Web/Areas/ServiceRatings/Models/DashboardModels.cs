using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Models;

/// <summary>Minimum samples below which no figure is shown ("not enough data").</summary>
public static class MinimumSample
{
    public const int Ratings = 10;
    public const int Cases = 5;
}

/// <summary>A mean with its sample size; no value below the minimum sample.</summary>
public sealed record MeanFigure(string Key, int Sample, double? Mean);

public sealed record MonthCount(DateOnly Month, int Count);

/// <summary>The ratings of a service, an agency or the whole portal, from the monthly aggregates.</summary>
public sealed record ServiceFigures(
    int Sample,
    IReadOnlyList<int>? Distribution,
    int TopTwo,
    WilsonInterval? Csat,
    IReadOnlyList<MeanFigure> Dimensions,
    IReadOnlyDictionary<string, int> Channels,
    IReadOnlyList<MonthCount> Months)
{
    public bool Suppressed => Sample < MinimumSample.Ratings;
}

/// <summary>How an agency handled its cases (Platform/Cases), with the submitters' rating of the handling.</summary>
public sealed record CaseFigures(
    int Received,
    int Responded,
    WilsonInterval? ResponseRate,
    int RespondedOnTime,
    WilsonInterval? OnTime,
    double? MedianWorkingDaysToFirstResponse,
    int Reopened,
    WilsonInterval? ReopenedShare,
    int HandlingRatings,
    double? HandlingMean,
    WilsonInterval? HandlingTopTwo)
{
    public bool Suppressed => Received < MinimumSample.Cases;
}

public sealed record UsefulnessFigures(int Yes, int No, WilsonInterval? Useful)
{
    public int Sample => Yes + No;

    public bool Suppressed => Sample < MinimumSample.Ratings;
}

public sealed record AgencyRow(string Code, LocalizedText Name, ServiceFigures Ratings, CaseFigures Cases);

public sealed record ServiceRow(int Id, LocalizedText Name, ServiceFigures Ratings);

public sealed record PortalDashboard(DateTime DataAsOf, ServiceFigures Ratings, CaseFigures Cases, UsefulnessFigures Usefulness, IReadOnlyList<AgencyRow> Agencies, IReadOnlyList<ReferralFigure> Referrals);

/// <summary>
/// How many participants the portal referred to one national channel, all months together, and the code
/// of the agency that runs it (null: none of the portal's agencies); no count under the minimum for cases.
/// </summary>
public sealed record ReferralFigure(string Channel, LocalizedText Name, int? Count, string? Agency = null)
{
    public bool Suppressed => Count is null;
}

/// <summary>
/// One agency's dashboard. <see cref="Referrals"/>: the national channels the agency runs (940/Baladi for
/// the Ministry of Municipalities and Housing, Kollona Amn for the Ministry of Interior, ...) and how many
/// participants the complaints intake referred to each; empty for an agency that runs none.
/// </summary>
public sealed record AgencyDashboard(DateTime DataAsOf, string Code, LocalizedText Name, ServiceFigures Ratings, CaseFigures Cases, IReadOnlyList<ServiceRow> Services,
    IReadOnlyList<ReferralFigure> Referrals);

/// <summary>One service's dashboard: its ratings, and the cases about it (<see cref="Platform.Cases.Case.ServiceId"/>).</summary>
public sealed record ServiceDashboard(DateTime DataAsOf, int Id, LocalizedText Name, string AgencyCode, LocalizedText Agency, ServiceFigures Ratings, CaseFigures Cases);
