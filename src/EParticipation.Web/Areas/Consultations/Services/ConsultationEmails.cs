using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// The module's emails. Each compose function runs in the recipient's language (Notifier switches
/// the culture), so the localizer is called inside it, never before.
/// </summary>
public sealed class ConsultationEmails(Notifier notifier, PortalLinks links, IStringLocalizer<ConsultationsResource> t)
{
    public static FollowTarget Target(Consultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var id = consultation.Id.ToString(CultureInfo.InvariantCulture);
        return new FollowTarget(FollowKinds.Consultation, id, consultation.Title, "consultations/" + id);
    }

    /// <summary>Tells the author a moderator approved or rejected their comment, with the reason.</summary>
    public void ModerationDecision(Platform.Identity.ApplicationUser author, Consultation consultation, Comment comment)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(comment);
        notifier.NotifyUser(author, "consultation.moderation", () =>
        {
            var language = Platform.Localization.PortalCultures.Current;
            var approved = comment.Status == CommentStatus.Published;
            var paragraphs = new List<string>
            {
                approved
                    ? t["Your comment has been approved and is now published on the consultation page."]
                    : t["Your comment was not published because it does not meet the participation guidelines."],
            };
            if (!approved && comment.RejectionReason is { Length: > 0 } reason)
            {
                paragraphs.Add(t["The moderator's reason: {0}", reason]);
            }
            paragraphs.Add(t["Your comment: {0}", Excerpt(comment.Body)]);
            return new EmailContent
            {
                Subject = approved ? t["Your comment has been published"] : t["Your comment was not published"],
                Greeting = t["Hello {0},", author.FullName],
                ItemTitle = consultation.Title.For(language),
                Paragraphs = paragraphs,
                Action = new EmailLink(t["Open the consultation"], links.Absolute($"/{language}/consultations/{consultation.Id}")),
            };
        });
    }

    /// <summary>Tells the agency's legislation office that a law or regulation draft received a comment.</summary>
    public Task<bool> NewSubmissionAsync(Consultation consultation, Comment comment, int? articleNumber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(comment);
        return notifier.NotifyAgencyAsync(consultation.AgencyId, AgencyMailbox.LegislationOffice, "consultation.submission", () => new EmailContent
        {
            Subject = t["A new comment on a draft of your agency"],
            ItemTitle = consultation.Title.Ar,
            Paragraphs =
            [
                articleNumber is { } n ? t["A participant commented on article {0}.", n] : t["A participant commented on the whole draft."],
                Excerpt(comment.Body),
            ],
            Action = new EmailLink(t["Open the consultation"], links.Absolute($"/ar/consultations/{consultation.Id}")),
        }, cancellationToken);
    }

    /// <summary>Tells followers that a published consultation's schedule changed.</summary>
    public Task<int> ScheduleChangedAsync(Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return notifier.NotifyFollowersAsync(Target(consultation), "consultation.updated", () => new EmailContent
        {
            Subject = t["A consultation you follow has a new schedule"],
            Paragraphs =
            [
                t["It opens on {0} and closes on {1}.", Platform.Calendar.DualDate.FormatWithTime(consultation.OpensAt), Platform.Calendar.DualDate.FormatWithTime(consultation.ClosesAt)],
            ],
        }, null, cancellationToken);
    }

    /// <summary>
    /// Tells followers (everyone who commented follows automatically) that the summary report is out,
    /// with a link to it: what became of their comments.
    /// </summary>
    public Task<int> ReportPublishedAsync(Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        return notifier.NotifyFollowersAsync(Target(consultation), "consultation.report", () =>
        {
            var language = Platform.Localization.PortalCultures.Current;
            return new EmailContent
            {
                Subject = t["The summary report of a consultation you follow has been published"],
                Paragraphs =
                [
                    t["The agency has published its summary report: what it heard, what it decided about each comment, and how the final text differs from the draft."],
                    t["If you commented, you can see the agency's response to each of your comments under My participation."],
                ],
                Action = new EmailLink(t["Read the summary report"], links.Absolute($"/{language}/consultations/{consultation.Id}/report")),
            };
        }, null, cancellationToken);
    }

    private static string Excerpt(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
