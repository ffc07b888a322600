using EParticipation.Web.Areas.Complaints.Services;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Caching;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Complaints;

/// <summary>
/// Complaints (Tawasul-style) with guided routing: a government agency's service becomes a case for
/// that agency; municipal, security, commercial, telecom and banking matters are referred to the
/// national channel that handles them (940/Baladi, Kollona Amn, the Ministry of Commerce, the
/// communications regulator, the central bank), leaving only a count. The routing table is data,
/// edited by administrators.
/// </summary>
public static class ComplaintsModule
{
    public const string Path = "complaints";

    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddAttachments();
        services.AddTableSnapshot<ComplaintRoutingTable, ComplaintRoutingTable.Routes>();
        services.AddScoped<ComplaintRouting>();
        services.AddScoped<ComplaintIntake>();
        services.AddScoped<ReferralStats>();
        services.AddScoped<Platform.Cases.ICaseStatsContributor>(sp => sp.GetRequiredService<ReferralStats>());
        services.AddScoped<Platform.Cases.IReferralCounts>(sp => sp.GetRequiredService<ReferralStats>());
        services.AddDataSeeder<ComplaintRoutingSeeder>();
        services.AddDataSeeder<ComplaintsDemoSeeder>();
        services.AddNavigationItem(new NavigationItem("Complaints", Path, 200, typeof(ComplaintsResource), Group: NavigationGroup.Services));
        services.AddNavigationItem(new NavigationItem("Complaint routing", "admin/complaint-routing", 900, typeof(ComplaintsResource), NavigationPlace.Main, Roles.Administrator));
        return services;
    }
}
