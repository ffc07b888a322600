using EParticipation.Web.Platform.Comments;

namespace EParticipation.Web.Areas.Consultations.Domain;

/// <summary>
/// A participant's comment on one article or on the whole draft, with what the agency decided about
/// it after closing: a disposition, a short public response, and the group of near-identical comments
/// it belongs to (mass campaigns).
/// </summary>
public class Comment : ModeratedComment
{
    private string _body = "";

    public int ConsultationId { get; set; }

    public Consultation? Consultation { get; set; }

    /// <summary>Null for a comment on the whole draft.</summary>
    public int? ArticleId { get; set; }

    public Article? Article { get; set; }

    public string Body
    {
        get => _body;
        set
        {
            _body = value ?? "";
            SearchText = Platform.Text.ArabicText.Normalize(_body);
        }
    }

    /// <summary>
    /// The body normalised by <see cref="Platform.Text.ArabicText"/>, so the review screen's search finds
    /// "الإستراتيجية" when a reviewer types "الاستراتيجيه". Kept in step by <see cref="Body"/>'s setter
    /// (EF reads and writes the field, so loading a comment does not recompute it).
    /// </summary>
    public string SearchText { get; private set; } = "";

    public DateTime? EditedAt { get; set; }

    public int SupportCount { get; set; }

    /// <summary>The agency's decision on the comment; null until a reviewer gives one.</summary>
    public CommentDisposition? Disposition { get; private set; }

    /// <summary>The agency's short public answer, in Arabic and/or English; shown once the report is published.</summary>
    public Platform.Localization.LocalizedText Response { get; private set; } = new();

    public DateTime? DispositionAt { get; private set; }

    public Guid? DispositionById { get; private set; }

    /// <summary>
    /// Counts the saves of the disposition and response. A reviewer's form carries the version it showed,
    /// so a save over someone else's newer answer is noticed instead of overwriting it in silence; it is
    /// also a concurrency token, for two saves at the same moment.
    /// </summary>
    public int ReviewVersion { get; private set; }

    /// <summary>
    /// The id of the earliest comment of this comment's group of near-identical comments, or null when
    /// it has no near-duplicate (or has not been grouped). Set only by a regrouping of its consultation.
    /// </summary>
    public long? GroupId { get; set; }

    public void Edit(string body, string displayName, DateTime now)
    {
        if (!AuthorMayChange)
        {
            throw new InvalidOperationException("A moderated or withdrawn comment cannot be edited.");
        }
        Body = body;
        DisplayName = displayName;
        EditedAt = now;
    }

    /// <summary>
    /// Records the agency's decision, by a reviewer (null for imported demo data). Only published
    /// comments are reviewed: pending, hidden, rejected and withdrawn ones are not part of the public
    /// record the summary report answers.
    /// </summary>
    public void SetDisposition(CommentDisposition disposition, Platform.Localization.LocalizedText response, Guid? reviewerId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Status != CommentStatus.Published)
        {
            throw new InvalidOperationException("Only a published comment is given a disposition.");
        }
        Disposition = disposition;
        Response = new Platform.Localization.LocalizedText(response.Ar.Trim(), response.En.Trim());
        DispositionAt = now;
        DispositionById = reviewerId;
        ReviewVersion++;
    }
}

/// <summary>One participant's support for a comment; the key stops anyone supporting twice.</summary>
public class CommentSupport
{
    public long CommentId { get; set; }

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
