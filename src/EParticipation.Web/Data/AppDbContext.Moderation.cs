using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<ContentReport> ContentReports => Set<ContentReport>();
}
