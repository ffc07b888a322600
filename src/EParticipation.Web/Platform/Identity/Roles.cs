namespace EParticipation.Web.Platform.Identity;

/// <summary>
/// Staff roles (domain.md). Participants and business representatives are not roles: any confirmed
/// account participates, and the account type says who represents a business.
/// </summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Moderator = "Moderator";
    public const string AgencyPublisher = "AgencyPublisher";
    public const string LegislationReviewer = "LegislationReviewer";
    public const string CaseOfficer = "CaseOfficer";
    public const string VocAnalyst = "VocAnalyst";

    /// <summary>Roles held by staff of one agency: they require the user to name that agency.</summary>
    public static IReadOnlyList<string> AgencyRoles { get; } = [AgencyPublisher, LegislationReviewer, CaseOfficer, VocAnalyst];

    /// <summary>Platform staff, not tied to an agency.</summary>
    public static IReadOnlyList<string> PlatformRoles { get; } = [Administrator, Moderator];

    public static IReadOnlyList<string> All { get; } = [.. PlatformRoles, .. AgencyRoles];

    public static bool IsAgencyRole(string role) => AgencyRoles.Contains(role);
}

public static class PortalClaims
{
    public const string AgencyId = "ep:agency";
    public const string AccountType = "ep:account_type";
    public const string FullName = "ep:name";
    public const string Language = "ep:lang";

    /// <summary>The server-side session this principal was read from (Sessions/DatabaseTicketStore).</summary>
    public const string SessionId = "ep:session";
}

public static class Policies
{
    public const string Administrator = "Administrator";
    public const string Moderator = "Moderator";
    public const string AgencyStaff = "AgencyStaff";
    public const string AgencyPublisher = "AgencyPublisher";
    public const string LegislationReviewer = "LegislationReviewer";
    public const string CaseOfficer = "CaseOfficer";
    public const string VocAnalyst = "VocAnalyst";
    public const string BusinessRepresentative = "BusinessRepresentative";
}
