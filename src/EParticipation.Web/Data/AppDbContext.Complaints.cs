using EParticipation.Web.Areas.Complaints.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<ComplaintRoute> ComplaintRoutes => Set<ComplaintRoute>();

    public DbSet<ReferralChannel> ComplaintChannels => Set<ReferralChannel>();

    public DbSet<ReferralCount> ComplaintReferralCounts => Set<ReferralCount>();
}
