using System.Security.Claims;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>Who in the consultation's own agency does which part of the work (domain.md).</summary>
public static class ConsultationRoles
{
    /// <summary>
    /// The questionnaire, the review of comments and their exports: the agency's legislation office
    /// for a law or regulation; for the other kinds, its publishers too.
    /// </summary>
    public static bool MayDoLegislationWork(ClaimsPrincipal user, Consultation consultation)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(consultation);
        return user.IsStaffOf(consultation.AgencyId, Roles.LegislationReviewer)
            || (!consultation.IsLegislation && user.IsStaffOf(consultation.AgencyId, Roles.AgencyPublisher));
    }
}
