namespace EParticipation.Web.Areas.Consultations.Domain;

public static class CommentRules
{
    public const int MaxLength = Platform.Comments.ModeratedComment.MaxLength;

    public const int DisplayNameMaxLength = Platform.Comments.ModeratedComment.DisplayNameMaxLength;

    /// <summary>How many of an article's newest comments the consultation page shows before "more".</summary>
    public const int InlinePerArticle = 10;

    /// <summary>Comments per page on an article's own comment list.</summary>
    public const int PageSize = 20;
}
