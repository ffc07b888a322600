using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Identity.Sessions;
using EParticipation.Web.Platform.Taxonomy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EParticipation.Web.Data;

/// <summary>
/// The portal's one database context, Identity included. Each module adds its own DbSets in a
/// partial file in its Data folder (AppDbContext.Consultations.cs, ...), and its entity
/// configurations are found by <see cref="ModelBuilder.ApplyConfigurationsFromAssembly"/>.
/// <para>
/// Abstract: the portal runs one subclass per database engine (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>, <see cref="SqlServerAppDbContext"/>), each with its own generated
/// migrations under Data/Migrations/&lt;Provider&gt; (EF Core's "migrations with multiple providers",
/// one context type each). Services still ask for <see cref="AppDbContext"/>.
/// </para>
/// </summary>
public abstract partial class AppDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The raw SQL of this context's engine (the few statements LINQ cannot say).</summary>
    public abstract SqlDialect Dialect { get; }

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Sector> Sectors => Set<Sector>();

    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();

    public DbSet<PublicHoliday> PublicHolidays => Set<PublicHoliday>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<DeclaredTargetGroup> DeclaredTargetGroups => Set<DeclaredTargetGroup>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every moment is stored in UTC. SQLite hands DateTime back without a kind, and Npgsql
        // refuses to write one that is not UTC, so the kind is fixed on the way in and out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
