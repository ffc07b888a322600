using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Consultations;

/// <summary>The summary report on an archived consultation's own page: the narrative, the headline figures and the way to the rest.</summary>
public sealed class ReportSummaryViewComponent(SummaryReports reports) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Consultation consultation)
    {
        var summary = await reports.SummaryAsync(consultation, HttpContext.RequestAborted);
        return summary is null
            ? Content("")
            : View("~/Areas/Consultations/Views/Shared/Components/ReportSummary/Default.cshtml", summary);
    }
}
