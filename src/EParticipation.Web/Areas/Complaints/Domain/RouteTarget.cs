namespace EParticipation.Web.Areas.Complaints.Domain;

/// <summary>Where a matter goes once the participant has said what it is about.</summary>
public enum RouteTarget
{
    /// <summary>More questions: the route's children narrow it down.</summary>
    Choose,

    /// <summary>A case for the agency the participant chooses, handled here (Tawasul-style).</summary>
    AgencyCase,

    /// <summary>Another national channel handles it: the portal explains how to reach it.</summary>
    Referral,
}
