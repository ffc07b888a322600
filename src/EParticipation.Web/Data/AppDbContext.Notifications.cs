using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<DigestItem> DigestItems => Set<DigestItem>();

    public DbSet<FanOutEvent> FanOutEvents => Set<FanOutEvent>();

    public DbSet<FanOutContent> FanOutContents => Set<FanOutContent>();

    public DbSet<Platform.Caching.InvalidationVersion> InvalidationVersions => Set<Platform.Caching.InvalidationVersion>();
}
