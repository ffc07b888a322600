using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Admin.Controllers;

/// <summary>Base of the administrator area: administrators only.</summary>
[Area("Admin")]
[Authorize(Policy = Policies.Administrator)]
public abstract class AdminController : PortalController
{
}
