using EParticipation.Web.Areas.Consultations.Services;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Consultations;

/// <summary>The home page's block of the newest open consultations.</summary>
public sealed class OpenConsultationsViewComponent(ConsultationQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Areas/Consultations/Views/Shared/Components/OpenConsultations/Default.cshtml", await queries.NewestOpenAsync(3));
}
