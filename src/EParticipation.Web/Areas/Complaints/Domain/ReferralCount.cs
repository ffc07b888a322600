namespace EParticipation.Web.Areas.Complaints.Domain;

/// <summary>
/// How many participants were referred for one category in one month: the only trace a referral
/// leaves. No person, text or address is kept (a security report's details belong to Kollona Amn).
/// </summary>
public class ReferralCount
{
    public string RouteCode { get; set; } = "";

    public string ChannelCode { get; set; } = "";

    public int Year { get; set; }

    public int Month { get; set; }

    public int Count { get; set; }
}
