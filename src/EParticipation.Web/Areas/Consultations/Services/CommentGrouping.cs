using EParticipation.Web.Platform.Text;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Which comments of a consultation say the same thing, by the platform's
/// <see cref="NearDuplicateGrouper"/> (Arabic-normalised word shingles, most of them shared). Only
/// groups of two or more matter to a reviewer; a comment alone keeps no group.
/// </summary>
public static class CommentGrouping
{
    /// <summary>Groups of at least two comments, each with its earliest comment's id as the group's id.</summary>
    public static IReadOnlyList<CommentGroup> Groups(IReadOnlyList<(long Id, string Body)> comments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comments);
        return NearDuplicateGrouper.Group(comments.Select(c => new GroupInput(c.Id, c.Body)).ToList(), GroupingOptions.Default, cancellationToken)
            .Where(g => !g.IsSingleton)
            .ToList();
    }
}
