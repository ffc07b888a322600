using System.Globalization;
using EParticipation.Web.Areas.BusinessFeedback.Models;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.BusinessFeedback.Services;

/// <summary>Turns the feedback form into a case of kind business feedback for the chosen agency.</summary>
public sealed class FeedbackIntake(CaseWorkflow workflow, IStringLocalizer<BusinessFeedbackResource> t, IStringLocalizerFactory localizers)
{
    public async Task<SubmittedCase> SubmitAsync(FeedbackInput input, string? commercialRegistration, Guid submitterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var details = new List<NewCaseDetail>
        {
            new("regulation", Label("Regulation or procedure"), input.Regulation!),
            new("commercial-registration", Label("Commercial registration number"), commercialRegistration ?? ""),
            new("proposed-change", Label("Proposed change"), input.ProposedChange!),
        };
        if (input.CostAmount is { } cost)
        {
            details.Add(new NewCaseDetail("cost-amount", Label("Cost to the business (SAR)"), cost.ToString("N0", CultureInfo.InvariantCulture)));
        }
        if (input.DelayDays is { } days)
        {
            details.Add(new NewCaseDetail("delay-days", Label("Delay caused (days)"), days.ToString(CultureInfo.InvariantCulture)));
        }
        if (!string.IsNullOrWhiteSpace(input.Consultation))
        {
            details.Add(new NewCaseDetail("consultation", Label("Related consultation"), input.Consultation));
        }
        var subject = t["Feedback on: {0}", input.Regulation!.Trim()].Value;
        return await workflow.SubmitAsync(new NewCase(CaseKind.BusinessFeedback, input.AgencyId!.Value, submitterId, input.SubmissionKey,
            subject.Length > 300 ? subject[..300] : subject, input.Problem!, details), cancellationToken);
    }

    // Kept with the case in both languages, so the shared case pages show it.
    private LocalizedText Label(string key)
    {
        var localizer = localizers.Create(typeof(BusinessFeedbackResource));
        string arabic;
        using (CultureScope.Use(PortalCultures.Arabic))
        {
            arabic = localizer[key].Value;
        }
        using (CultureScope.Use(PortalCultures.English))
        {
            return new LocalizedText(arabic, localizer[key].Value);
        }
    }
}
