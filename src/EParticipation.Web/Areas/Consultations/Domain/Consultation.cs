using System.Linq.Expressions;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Taxonomy;
using EParticipation.Web.Platform.Text;

namespace EParticipation.Web.Areas.Consultations.Domain;

/// <summary>Laws and regulations are consulted on Istitlaa; the other kinds on Tafaul (domain.md).</summary>
public enum ConsultationKind
{
    Law,
    Regulation,
    Strategy,
    Policy,
    Initiative,
    Service,
}

/// <summary>Where a consultation stands; always computed from its dates, never stored.</summary>
public enum ConsultationStatus
{
    /// <summary>Not published yet: only its agency's staff see it.</summary>
    Draft,

    /// <summary>Published, opens later.</summary>
    Planned,

    Open,

    /// <summary>Closed, awaiting its summary report.</summary>
    Closed,

    /// <summary>Closed and its summary report is published.</summary>
    Archived,
}

/// <summary>
/// A draft law, regulation, strategy, policy, initiative or service put to the public by one agency.
/// Its status follows from the schedule (publish, open, close) and from whether a summary report has
/// been published; nobody sets it, so it cannot be forgotten.
/// </summary>
public class Consultation
{
    public int Id { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public int SectorId { get; set; }

    public Sector? Sector { get; set; }

    public ConsultationKind Kind { get; set; }

    public LocalizedText Title { get; set; } = new();

    public LocalizedText Summary { get; set; } = new();

    /// <summary>
    /// Title and summary in both languages, normalised by <see cref="ArabicText"/>, so a search finds
    /// "الإستراتيجية" when someone types "الاستراتيجيه". Kept up to date by <see cref="Describe"/>.
    /// </summary>
    public string SearchText { get; private set; } = "";

    /// <summary>When it becomes visible to the public; null keeps it a draft.</summary>
    public DateTime? PublishAt { get; private set; }

    public DateTime OpensAt { get; private set; }

    public DateTime ClosesAt { get; private set; }

    /// <summary>When the summary report was published; a closed consultation with one is archived.</summary>
    public DateTime? ReportPublishedAt { get; set; }

    /// <summary>When its published comments were last grouped into near-identical sets (null: never).</summary>
    public DateTime? GroupedAt { get; set; }

    public ModerationMode Moderation { get; set; }

    /// <summary>Published comments, on articles and on the whole draft (a counter, not counted per request).</summary>
    public int CommentCount { get; set; }

    /// <summary>Published comments on the whole draft rather than one article.</summary>
    public int GeneralCommentCount { get; set; }

    /// <summary>Questionnaire responses received; the questionnaire is frozen once this is above zero.</summary>
    public int ResponseCount { get; set; }

    /// <summary>The staff member who created it; null for imported (seeded) consultations.</summary>
    public Guid? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts the saves of its details; the staff form carries the one it showed, so two editors cannot overwrite each other unnoticed.</summary>
    public int Version { get; set; }

    public List<ConsultationTargetGroup> TargetGroups { get; set; } = [];

    public List<Article> Articles { get; set; } = [];

    public List<ConsultationDocument> Documents { get; set; } = [];

    public List<Question> Questions { get; set; } = [];

    /// <summary>Law and regulation drafts go to the agency's legislation office (Istitlaa).</summary>
    public bool IsLegislation => Kind is ConsultationKind.Law or ConsultationKind.Regulation;

    public bool IsQuestionnaireFrozen => ResponseCount > 0;

    public void Describe(LocalizedText title, LocalizedText summary)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(summary);
        Title = title;
        Summary = summary;
        var text = ArabicText.Normalize(string.Join(' ', title.Ar, title.En, summary.Ar, summary.En));
        SearchText = text.Length > SearchTextMaxLength ? text[..SearchTextMaxLength] : text;
    }

    public const int SearchTextMaxLength = 4000;

    /// <summary>Sets the schedule. Opening must come before closing, and publishing no later than opening.</summary>
    public void Schedule(DateTime? publishAt, DateTime opensAt, DateTime closesAt)
    {
        if (closesAt <= opensAt)
        {
            throw new ArgumentException("A consultation must close after it opens.", nameof(closesAt));
        }
        if (publishAt is { } p && p > opensAt)
        {
            throw new ArgumentException("A consultation must be published no later than it opens.", nameof(publishAt));
        }
        PublishAt = publishAt;
        OpensAt = opensAt;
        ClosesAt = closesAt;
    }

    /// <summary>
    /// The status at <paramref name="now"/>. Each boundary belongs to the later state: at the exact
    /// opening minute it is open, at the exact closing minute it is closed.
    /// </summary>
    public ConsultationStatus StatusAt(DateTime now)
    {
        if (PublishAt is not { } published || now < published)
        {
            return ConsultationStatus.Draft;
        }
        if (now < OpensAt)
        {
            return ConsultationStatus.Planned;
        }
        if (now < ClosesAt)
        {
            return ConsultationStatus.Open;
        }
        return ReportPublishedAt is { } report && report <= now ? ConsultationStatus.Archived : ConsultationStatus.Closed;
    }

    public bool IsPublishedAt(DateTime now) => StatusAt(now) != ConsultationStatus.Draft;

    /// <summary>Participants may comment, support, report and answer only while it is open.</summary>
    public bool AcceptsParticipationAt(DateTime now) => StatusAt(now) == ConsultationStatus.Open;

    /// <summary>Whole days left until closing (0 on the last day), or null when not open.</summary>
    public int? DaysRemainingAt(DateTime now) =>
        AcceptsParticipationAt(now) ? (int)Math.Floor((ClosesAt - now).TotalDays) : null;

    // The same rules as StatusAt, as expressions a database can run (lists, filters, counts).
    public static Expression<Func<Consultation, bool>> PublishedAt(DateTime now) =>
        c => c.PublishAt != null && c.PublishAt <= now;

    public static Expression<Func<Consultation, bool>> OpenAt(DateTime now) =>
        c => c.PublishAt != null && c.PublishAt <= now && c.OpensAt <= now && c.ClosesAt > now;

    public static Expression<Func<Consultation, bool>> PlannedAt(DateTime now) =>
        c => c.PublishAt != null && c.PublishAt <= now && c.OpensAt > now;

    /// <summary>Closed or archived: the public "archived" tab lists both, each with its own label.</summary>
    public static Expression<Func<Consultation, bool>> PastAt(DateTime now) =>
        c => c.PublishAt != null && c.PublishAt <= now && c.ClosesAt <= now;
}

public class ConsultationTargetGroup
{
    public int ConsultationId { get; set; }

    public int TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }
}

/// <summary>One article (مادة) of the draft: a number, a heading and a body in both languages.</summary>
public class Article
{
    public int Id { get; set; }

    public int ConsultationId { get; set; }

    /// <summary>The article's number in the draft; reordering renumbers.</summary>
    public int Number { get; set; }

    public LocalizedText Heading { get; set; } = new();

    public LocalizedText Body { get; set; } = new();

    /// <summary>Published comments on this article (a counter kept with each moderation change).</summary>
    public int CommentCount { get; set; }

    public List<Comment> Comments { get; set; } = [];
}

/// <summary>A document attached to a consultation; the file itself is in the attachment store.</summary>
public class ConsultationDocument
{
    public int Id { get; set; }

    public int ConsultationId { get; set; }

    public LocalizedText Title { get; set; } = new();

    /// <summary>The attachment store's key.</summary>
    public string StorageKey { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public DateTime UploadedAt { get; set; }
}
