using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Models;

/// <summary>
/// The review screen's filters, all in the address so that a reviewer comes back to the same list
/// after each save: <c>?article=12&amp;status=published&amp;disposition=none&amp;group=grouped&amp;type=business&amp;q=...&amp;page=3</c>.
/// </summary>
public sealed class ReviewQuery
{
    public const string General = "general";
    public const string Undecided = "none";
    public const string Grouped = "grouped";
    public const string Ungrouped = "single";
    public const string AllStatuses = "all";
    public const string GroupsView = "groups";

    /// <summary>An article id, <see cref="General"/> for comments on the whole draft, or empty for all.</summary>
    public string? Article { get; set; }

    /// <summary>A comment status in lower case, or <see cref="AllStatuses"/>; published when empty.</summary>
    public string? Status { get; set; }

    /// <summary>A disposition in lower case, <see cref="Undecided"/>, or empty for any.</summary>
    public string? Disposition { get; set; }

    /// <summary>A group's id, <see cref="Grouped"/> (in a group of two or more), <see cref="Ungrouped"/>, or empty.</summary>
    public string? Group { get; set; }

    /// <summary>An account type in lower case (citizen, resident, visitor, business), or empty.</summary>
    public string? Type { get; set; }

    public string? Q { get; set; }

    /// <summary><see cref="GroupsView"/> lists the groups; anything else lists comments.</summary>
    public string? View { get; set; }

    public int? Page { get; set; }

    public bool IsGroupsView => View == GroupsView;

    public int? ArticleId => int.TryParse(Article, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public bool GeneralOnly => Article == General;

    /// <summary>The status listed; null means every status.</summary>
    public CommentStatus? StatusValue => Status == AllStatuses
        ? null
        : Enum.TryParse<CommentStatus>(Status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : CommentStatus.Published;

    public bool UndecidedOnly => Disposition == Undecided;

    public CommentDisposition? DispositionValue => ParseCode<CommentDisposition>(Disposition);

    public long? GroupValue => long.TryParse(Group, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public AccountType? TypeValue => Enum.TryParse<AccountType>(Type, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;

    public bool HasFilters => Article is { Length: > 0 } || Disposition is { Length: > 0 } || Group is { Length: > 0 } || Type is { Length: > 0 }
        || !string.IsNullOrWhiteSpace(Q) || StatusValue != CommentStatus.Published;

    /// <summary>The filters without the page, for the pager and for coming back after a save.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery() =>
    [
        new("view", View),
        new("article", Article),
        new("status", Status),
        new("disposition", Disposition),
        new("group", Group),
        new("type", Type),
        new("q", Q),
    ];

    /// <summary>The filters (and page) as a query string starting with "?", or "" when there are none.</summary>
    public string ToQueryString(int? page = null)
    {
        var parts = ToQuery().Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        if (page is > 1)
        {
            parts.Add(new("page", page.Value.ToString(CultureInfo.InvariantCulture)));
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", parts);
    }

    /// <summary>Reads back what <see cref="ToQueryString"/> wrote (a form's hidden "return" field).</summary>
    public static ReviewQuery Parse(string? queryString)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        string? Get(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        return new ReviewQuery
        {
            View = Get("view"),
            Article = Get("article"),
            Status = Get("status"),
            Disposition = Get("disposition"),
            Group = Get("group"),
            Type = Get("type"),
            Q = Get("q"),
            Page = int.TryParse(Get("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null,
        };
    }

    /// <summary>The code used in addresses and open data: PartlyAccepted is "partly-accepted".</summary>
    public static string Code<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static T? ParseCode<T>(string? code)
        where T : struct, Enum =>
        string.IsNullOrEmpty(code) ? null : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Code(v!.Value) == code);
}

/// <summary>One comment on the review screen, with what staff need to decide on it (never the author's email or account).</summary>
public sealed record ReviewItem(
    long Id,
    int? ArticleId,
    int? ArticleNumber,
    string DisplayName,
    string Body,
    DateTime CreatedAt,
    CommentStatus Status,
    int SupportCount,
    AccountType? ParticipantType,
    CommentDisposition? Disposition,
    LocalizedText Response,
    long? GroupId,
    int ReviewVersion = 0,
    DateTime? DispositionAt = null,
    string? DispositionBy = null)
{
    public int GroupSize { get; init; } = 1;
}

/// <summary>A group of near-identical comments: its earliest comment stands for it.</summary>
public sealed record GroupItem(long GroupId, int Count, int Undecided, ReviewItem? Representative, CommentDisposition? CommonDisposition);

public sealed record ReviewCounts(int Published, int Undecided, int AwaitingModeration, int Groups, int GroupedComments)
{
    public int Decided => Published - Undecided;
}

public sealed record ReviewPage(
    Consultation Consultation,
    ConsultationStatus Status,
    ReviewQuery Query,
    ReviewCounts Counts,
    IReadOnlyList<Article> Articles,
    Paged<ReviewItem>? Comments,
    Paged<GroupItem>? Groups)
{
    /// <summary>Review is done while the consultation is closed; once its report is published, the decisions are frozen.</summary>
    public bool CanDecide => Status == ConsultationStatus.Closed;

    public string Path => $"/{PortalCultures.Current}/consultations/manage/{Consultation.Id}/review";
}

/// <summary>A row of the agency's list of consultations to review.</summary>
public sealed record ReviewListRow(int Id, LocalizedText Title, ConsultationKind Kind, ConsultationStatus Status, DateTime ClosesAt, int Comments, int Undecided, DateTime? ReportPublishedAt);

public sealed class DispositionInput
{
    public CommentDisposition? Disposition { get; set; }

    public string? ResponseAr { get; set; }

    public string? ResponseEn { get; set; }

    /// <summary>The review screen's filters and page to come back to (a query string; the path is rebuilt on the server).</summary>
    public string? Return { get; set; }

    /// <summary>The comment's <c>ReviewVersion</c> when the form was shown (none on a group's form).</summary>
    public int? Version { get; set; }

    public LocalizedText Response => new(ResponseAr?.Trim() ?? "", ResponseEn?.Trim() ?? "");

    public static DispositionInput From(CommentDisposition? disposition, LocalizedText response, string? returnQuery, int? version = null) => new()
    {
        Disposition = disposition,
        ResponseAr = response?.Ar,
        ResponseEn = response?.En,
        Return = returnQuery,
        Version = version,
    };
}

public sealed class DispositionInputValidator : AbstractValidator<DispositionInput>
{
    public DispositionInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.Disposition).NotNull().WithMessage(t["Choose the disposition."]).IsInEnum().WithMessage(t["Choose the disposition."]);
        RuleFor(x => x.ResponseAr).MaximumLength(ReviewRules.ResponseMaxLength).WithMessage(t["The response must be 1,000 characters or fewer."])
            .Must((x, _) => !x.Response.IsEmpty).WithMessage(t["Write the public response in Arabic, in English, or in both."]);
        RuleFor(x => x.ResponseEn).MaximumLength(ReviewRules.ResponseMaxLength).WithMessage(t["The response must be 1,000 characters or fewer."]);
    }
}

/// <summary>"Mark the remaining N comments as ... with this response": explicit, and only for the count the reviewer saw.</summary>
public sealed class RemainingInput
{
    public CommentDisposition? Disposition { get; set; }

    public string? ResponseAr { get; set; }

    public string? ResponseEn { get; set; }

    /// <summary>How many comments the page said were left; a different number now means someone else acted meanwhile.</summary>
    public int Expected { get; set; }

    public bool Confirm { get; set; }

    public LocalizedText Response => new(ResponseAr?.Trim() ?? "", ResponseEn?.Trim() ?? "");
}

public sealed class RemainingInputValidator : AbstractValidator<RemainingInput>
{
    public RemainingInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.Disposition).NotNull().WithMessage(t["Choose out of scope or not accepted."])
            .Must(d => d is { } v && ReviewRules.BulkDispositions.Contains(v)).WithMessage(t["Choose out of scope or not accepted."]);
        RuleFor(x => x.ResponseAr).MaximumLength(ReviewRules.ResponseMaxLength).WithMessage(t["The response must be 1,000 characters or fewer."])
            .Must((x, _) => !x.Response.IsEmpty).WithMessage(t["Write the public response in Arabic, in English, or in both."]);
        RuleFor(x => x.ResponseEn).MaximumLength(ReviewRules.ResponseMaxLength).WithMessage(t["The response must be 1,000 characters or fewer."]);
        RuleFor(x => x.Confirm).Equal(true).WithMessage(t["Confirm that every remaining comment gets this disposition and response."]);
    }
}

/// <param name="Conflict">Set when this reviewer's save was not made because someone else had saved meanwhile: the page then shows that answer.</param>
public sealed record CommentReviewPage(Consultation Consultation, ReviewItem Comment, DispositionInput Input, bool CanDecide, bool Conflict = false);

public sealed record GroupReviewPage(Consultation Consultation, GroupItem Group, IReadOnlyList<ReviewItem> Members, DispositionInput Input, bool CanDecide);

public sealed record RemainingPage(Consultation Consultation, int Remaining, RemainingInput Input);

/// <summary>
/// An inline disposition form on a list (one per comment or group). Its fields carry ids made from
/// <paramref name="Prefix"/>, so that twenty forms on one page never share an id.
/// </summary>
public sealed record DispositionForm(string Prefix, string Action, DispositionInput Input, string Subject, string Button, string? Note = null);
