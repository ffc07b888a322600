using System.Globalization;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>A comment to submit: its text, the article number it is on (null: the whole draft), and who writes it.</summary>
internal sealed record CommentPlan(string Body, int? Article = null, AccountType Type = AccountType.Citizen, string? DisplayName = null);

internal sealed record Submitted(ApplicationUser Author, long Id, string Body);

/// <summary>
/// Closed consultations with real comments: each comment is submitted by its own new participant
/// through the participation service while the consultation is open, then the clock moves past
/// closing. Comments follow their consultation, as through the form.
/// </summary>
internal static class ReviewSetup
{
    /// <summary>The campaign letter the grouping tests use, and small edits of it a campaign's senders make.</summary>
    public const string Letter = "نطالب بأن تشمل إجازة الوضع المنصوص عليها في المادة الثانية حالات الولادة المبكرة دون أن تُحتسب الأيام التي يقضيها المولود في العناية المركزة من مدة الإجازة، وأن يُمنح الأب إجازة مدفوعة لا تقل عن عشرة أيام عمل.";

    public static IReadOnlyList<string> CampaignVariants { get; } =
    [
        Letter,
        // Spelling variants only (hamza, taa marbuta, no tashkeel): the same after normalisation.
        "نطالب بان تشمل اجازه الوضع المنصوص عليها في الماده الثانيه حالات الولاده المبكره دون ان تحتسب الايام التي يقضيها المولود في العنايه المركزه من مده الاجازه، وان يمنح الاب اجازه مدفوعه لا تقل عن عشره ايام عمل.",
        // One word changed and a greeting added.
        "السلام عليكم. نطالب بأن تشمل إجازة الوضع المنصوص عليها في المادة الثانية حالات الولادة المبكرة دون أن تُحتسب الأيام التي يقضيها المولود في العناية المركزة من مدة الإجازة، وأن يُمنح الأب إجازة مدفوعة لا تقل عن أسبوعين.",
        // A sentence of one's own at the end.
        Letter + " وشكرًا لكم.",
        // A word inserted in the middle.
        "نطالب بأن تشمل إجازة الوضع المنصوص عليها في المادة الثانية حالات الولادة المبكرة والمتعسرة دون أن تُحتسب الأيام التي يقضيها المولود في العناية المركزة من مدة الإجازة، وأن يُمنح الأب إجازة مدفوعة لا تقل عن عشرة أيام عمل.",
    ];

    /// <summary>On the same article and subject, in other words: it deserves its own answer.</summary>
    public const string Different = "أرى أن إجازة الوضع الحالية كافية، لكن المهم هو إلزام المنشآت الصغيرة بتوفير غرفة للرضاعة وساعة رضاعة يومية خلال السنة الأولى.";

    public static async Task<(Consultation Consultation, IReadOnlyList<Submitted> Comments)> ClosedWithCommentsAsync(
        ConsultationsPortal factory,
        IEnumerable<CommentPlan> plan,
        ConsultationKind kind = ConsultationKind.Law,
        string agency = "hrsd",
        bool questionnaire = false,
        TimeSpan? closesIn = null)
    {
        var (consultation, comments) = await OpenWithCommentsAsync(factory, plan, kind, agency, questionnaire, closesIn ?? TimeSpan.FromHours(1));
        factory.Clock.Advance((closesIn ?? TimeSpan.FromHours(1)) + TimeSpan.FromMinutes(1));
        return (consultation, comments);
    }

    public static async Task<(Consultation Consultation, IReadOnlyList<Submitted> Comments)> OpenWithCommentsAsync(
        ConsultationsPortal factory,
        IEnumerable<CommentPlan> plan,
        ConsultationKind kind = ConsultationKind.Law,
        string agency = "hrsd",
        bool questionnaire = false,
        TimeSpan? closesIn = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var consultation = await factory.CreateConsultationAsync(agency: agency, closesIn: closesIn ?? TimeSpan.FromHours(1), kind: kind, questionnaire: questionnaire);
        var comments = new List<Submitted>();
        foreach (var c in plan)
        {
            var author = await TestAccounts.CreateAsync(factory, type: c.Type, name: "الاسم الكامل " + Guid.NewGuid().ToString("N")[..6]);
            comments.Add(new Submitted(author, await CommentAsync(factory, consultation, author, c), c.Body));
        }
        return (consultation, comments);
    }

    public static async Task<long> CommentAsync(ConsultationsPortal factory, Consultation consultation, ApplicationUser author, CommentPlan c)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(c);
        var input = new CommentInput
        {
            ArticleId = c.Article is { } n ? consultation.Articles.Single(a => a.Number == n).Id : null,
            DisplayName = c.DisplayName ?? "مشارك " + author.Id.ToString("N")[..4],
            Body = c.Body,
            SubmissionKey = Guid.NewGuid(),
        };
        var result = await factory.WithScopeAsync(sp => sp.GetRequiredService<ParticipationService>().AddCommentAsync(consultation.Id, author.Id, input));
        Assert.True(result.Succeeded, result.Outcome.ToString());
        return result.Comment!.Id;
    }

    /// <summary>A client signed in as a new legislation reviewer of the agency.</summary>
    public static async Task<PortalClient> ReviewerAsync(ConsultationsPortal factory, string agency = "hrsd", string role = Roles.LegislationReviewer) =>
        (await TestAccounts.SignedInAsync(factory, roles: [role], agencyCode: agency)).Client;

    public static string ReviewPath(Consultation consultation, string lang = "ar") =>
        $"/{lang}/consultations/manage/{consultation.Id.ToString(CultureInfo.InvariantCulture)}/review";

    public static string ReportPath(Consultation consultation, string lang = "ar") =>
        $"/{lang}/consultations/manage/{consultation.Id.ToString(CultureInfo.InvariantCulture)}/report";

    public static Dictionary<string, string> Disposition(CommentDisposition disposition, string ar, string en = "") => new()
    {
        ["Input.Disposition"] = disposition.ToString(),
        ["Input.ResponseAr"] = ar,
        ["Input.ResponseEn"] = en,
    };
}
