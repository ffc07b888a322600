namespace EParticipation.Web.Platform.Taxonomy;

/// <summary>The codes of the seeded target groups (seeds/target-groups.json) that code refers to by name.</summary>
public static class TargetGroupCodes
{
    public const string Women = "women";

    public const string PersonsWithDisabilities = "persons-with-disabilities";

    public const string Youth = "youth";
}
