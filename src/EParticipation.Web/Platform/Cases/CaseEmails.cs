using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// The emails a case sends its submitter, through the outbox in the caller's unit of work. Each
/// links to the case page, which opens only for the signed-in owner: the link alone shows nothing.
/// </summary>
public sealed class CaseEmails(AppDbContext db, Notifier notifier, PortalLinks links, IStringLocalizer<SharedResource> s)
{
    public const string Category = "case";

    public static string PathOf(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return "cases/" + c.TrackingNumber;
    }

    public void Received(ApplicationUser submitter, Case c, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(agency);
        notifier.NotifyUser(submitter, Category, () => new EmailContent
        {
            Subject = s["We received your {0}: {1}", KindName(c.Kind), c.TrackingNumber],
            Greeting = s["Hello {0},", submitter.FullName],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs =
            [
                s["Your {0} to {1} has been received.", KindName(c.Kind), agency.Name.Current],
                s["We aim to answer within 10 working days: by {0}. The days you take to answer a question from the agency are not counted.", DualDate.Format(c.DueOn)],
            ],
            Action = OpenLink(c),
        });
    }

    public async Task InformationRequestedAsync(Case c, string question, CancellationToken cancellationToken) =>
        await SendAsync(c, () => new EmailContent
        {
            Subject = s["The agency needs more information about {0}", c.TrackingNumber],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs = [s["The agency asks:"], question, s["Add the information on the case page. The clock stands still until you answer."]],
            Action = OpenLink(c),
        }, cancellationToken);

    public async Task RespondedAsync(Case c, string response, CancellationToken cancellationToken) =>
        await SendAsync(c, () => new EmailContent
        {
            Subject = s["The agency answered {0}", c.TrackingNumber],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs = [response, s["If this does not resolve your matter, you can reopen the case from its page within 14 days."]],
            Action = OpenLink(c),
        }, cancellationToken);

    public async Task ClosedAsync(Case c, CancellationToken cancellationToken) =>
        await SendAsync(c, () => new EmailContent
        {
            Subject = s["{0} has been closed", c.TrackingNumber],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs = [s["Outcome: {0}", s["case-end-" + c.EndState]], s["You can rate how your case was handled on its page."]],
            Action = OpenLink(c),
        }, cancellationToken);

    public async Task TransferredAsync(Case c, Agency agency, CancellationToken cancellationToken) =>
        await SendAsync(c, () => new EmailContent
        {
            Subject = s["{0} was transferred to {1}", c.TrackingNumber, agency.Name.Current],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs = [s["The matter is for {0} to handle. It now has 10 working days to answer: by {1}.", agency.Name.Current, DualDate.Format(c.DueOn)]],
            Action = OpenLink(c),
        }, cancellationToken);

    /// <summary>
    /// Tells the agency a case was transferred to that it now has it: each of its case officers, or its
    /// supervisor mailbox when it has no case officer yet. Returns how many emails were queued.
    /// </summary>
    public async Task<int> ReceivedByTransferAsync(Case c, Agency from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(from);
        EmailContent Compose() => new()
        {
            Subject = s["Transferred to your agency: {0}", c.TrackingNumber],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs =
            [
                s["{0} transferred this {1} to your agency. The answer is due by the end of {2}.", from.Name.Current, KindName(c.Kind), DualDate.Format(c.DueOn)],
            ],
            Action = new EmailLink(s["Open the case"], links.Absolute($"/{PortalCultures.Current}/staff/cases/{c.Id}")),
        };
        var officers = await CaseOfficers.OfAgencyAsync(db, c.AgencyId, cancellationToken);
        foreach (var officer in officers)
        {
            notifier.NotifyUser(officer, "case-transfer", Compose);
        }
        if (officers.Count > 0)
        {
            return officers.Count;
        }
        return await notifier.NotifyAgencyAsync(c.AgencyId, AgencyMailbox.Supervisor, "case-transfer", Compose, cancellationToken) ? 1 : 0;
    }

    public string KindName(CaseKind kind) => s["case-kind-" + kind];

    private async Task SendAsync(Case c, Func<EmailContent> compose, CancellationToken cancellationToken)
    {
        var submitter = await db.Users.AsNoTracking().SingleAsync(u => u.Id == c.SubmitterId, cancellationToken);
        if (submitter.DeletedAt is not null)
        {
            return;
        }
        notifier.NotifyUser(submitter, Category, compose);
    }

    private EmailLink OpenLink(Case c) =>
        new(s["Open your case"], links.Absolute($"/{PortalCultures.Current}/{PathOf(c)}"));
}
