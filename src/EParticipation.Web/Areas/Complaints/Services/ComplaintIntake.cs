using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Areas.Complaints.Models;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>Turns a completed complaint form into a case for the chosen agency.</summary>
public sealed class ComplaintIntake(CaseWorkflow workflow, IStringLocalizerFactory localizers, IEnumerable<IServiceDirectory> services)
{
    public async Task<SubmittedCase> SubmitAsync(ComplaintRoute route, ComplaintInput input, IReadOnlyList<StoredAttachment> files, Guid submitterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(input);
        var details = new List<NewCaseDetail>
        {
            new("route", Label("What it is about"), route.Label.Current),
        };
        if (!string.IsNullOrWhiteSpace(input.Service))
        {
            details.Add(new NewCaseDetail("service", Label("Service concerned"), input.Service));
        }
        if (!string.IsNullOrWhiteSpace(input.Reference))
        {
            details.Add(new NewCaseDetail("reference", Label("The agency's reference number"), input.Reference));
        }
        var agencyId = route.AgencyId ?? input.AgencyId!.Value;
        return await workflow.SubmitAsync(new NewCase(CaseKind.Complaint, agencyId, submitterId, input.SubmissionKey,
            input.Subject!, input.Description!, details) { Attachments = files, ServiceId = await ServiceOfAsync(input.ServiceId, agencyId, cancellationToken) }, cancellationToken);
    }

    /// <summary>
    /// The catalogue's service the form came from, kept only when it is one of the chosen agency's
    /// services (the field is hidden, but it is the submitter's browser that sends it).
    /// </summary>
    private async Task<int?> ServiceOfAsync(int? serviceId, int agencyId, CancellationToken cancellationToken)
    {
        if (serviceId is not { } id)
        {
            return null;
        }
        foreach (var directory in services)
        {
            if (await directory.AgencyOfAsync(id, cancellationToken) == agencyId)
            {
                return id;
            }
        }
        return null;
    }

    // The label is kept in both languages with the case, so the shared case pages show it.
    private LocalizedText Label(string key)
    {
        var t = localizers.Create(typeof(ComplaintsResource));
        using var ar = CultureScope.Use(PortalCultures.Arabic);
        var arabic = t[key].Value;
        using var en = CultureScope.Use(PortalCultures.English);
        return new LocalizedText(arabic, t[key].Value);
    }
}
