using EParticipation.Web.Areas.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<PortalEvent> Events => Set<PortalEvent>();

    public DbSet<EventRegistration> EventRegistrations => Set<EventRegistration>();

    public DbSet<EventAttendee> EventAttendees => Set<EventAttendee>();
}
