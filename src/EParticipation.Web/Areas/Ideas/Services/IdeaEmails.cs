using System.Globalization;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>The module's emails, composed in each recipient's language (the localizer is called inside the compose functions).</summary>
public sealed class IdeaEmails(Notifier notifier, PortalLinks links, IStringLocalizer<IdeasResource> t)
{
    public static FollowTarget Target(Idea idea)
    {
        ArgumentNullException.ThrowIfNull(idea);
        var id = idea.Id.ToString(CultureInfo.InvariantCulture);
        return new FollowTarget(FollowKinds.Idea, id, new LocalizedText(idea.Title, idea.Title), IdeasModule.Path + "/" + id);
    }

    public string StatusName(IdeaStatus status) => t["status-" + status];

    /// <summary>Tells the agency's Voice-of-Beneficiary mailbox about a new idea.</summary>
    public Task<bool> NewIdeaAsync(Idea idea, CancellationToken cancellationToken) =>
        notifier.NotifyAgencyAsync(idea.AgencyId, AgencyMailbox.VoiceOfBeneficiary, "idea.new", () => new EmailContent
        {
            Subject = t["A new idea for your agency"],
            ItemTitle = idea.Title,
            Paragraphs = [t["A participant has submitted an idea to your agency. It waits for triage in the Voice-of-Beneficiary workspace."], t["The problem: {0}", Excerpt(idea.Problem)]],
            Action = new EmailLink(t["Open the idea in the workspace"], links.Absolute($"/{PortalCultures.Current}/{IdeasModule.Path}/manage/{idea.Id}")),
        }, cancellationToken);

    /// <summary>Tells the submitter and the idea's followers its new status and the public answer.</summary>
    public async Task StatusChangedAsync(Idea idea, ApplicationUser? submitter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idea);
        EmailContent Compose() => new()
        {
            Subject = t["Your idea's new status: {0}", StatusName(idea.Status)],
            ItemTitle = idea.Title,
            Paragraphs = [t["The Voice-of-Beneficiary team changed the status of the idea to: {0}.", StatusName(idea.Status)], t["Their answer: {0}", idea.Answer.Current]],
            Action = new EmailLink(t["Open the idea"], links.Absolute($"/{PortalCultures.Current}/{IdeasModule.Path}/{idea.Id}")),
        };
        if (submitter is not null)
        {
            notifier.NotifyUser(submitter, "idea.status", Compose);
        }
        await notifier.NotifyFollowersAsync(Target(idea), "idea.status", () => Compose() with { Subject = t["An idea you follow: {0}", StatusName(idea.Status)] }, except: submitter?.Id, cancellationToken);
    }

    /// <summary>Tells the submitter and the followers of a progress report on an accepted idea.</summary>
    public async Task ProgressAsync(Idea idea, IdeaEvent progress, ApplicationUser? submitter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idea);
        ArgumentNullException.ThrowIfNull(progress);
        EmailContent Compose() => new()
        {
            Subject = t["Progress on an idea"],
            ItemTitle = idea.Title,
            Paragraphs = [progress.Note.Current],
            Action = new EmailLink(t["Open the idea"], links.Absolute($"/{PortalCultures.Current}/{IdeasModule.Path}/{idea.Id}")),
        };
        if (submitter is not null)
        {
            notifier.NotifyUser(submitter, "idea.progress", Compose);
        }
        await notifier.NotifyFollowersAsync(Target(idea), "idea.progress", Compose, except: submitter?.Id, cancellationToken);
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
