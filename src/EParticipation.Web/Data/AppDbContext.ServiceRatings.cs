using EParticipation.Web.Areas.ServiceRatings.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<GovernmentService> GovernmentServices => Set<GovernmentService>();

    public DbSet<ServiceRating> ServiceRatings => Set<ServiceRating>();

    public DbSet<ServiceRatingVersion> ServiceRatingVersions => Set<ServiceRatingVersion>();

    public DbSet<ServiceRatingMonth> ServiceRatingMonths => Set<ServiceRatingMonth>();

    public DbSet<PageFeedback> PageFeedback => Set<PageFeedback>();

    public DbSet<PageFeedbackMonth> PageFeedbackMonths => Set<PageFeedbackMonth>();
}
