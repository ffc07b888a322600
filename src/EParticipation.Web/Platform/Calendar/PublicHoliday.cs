using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>
/// A day or run of days on which government offices close. Response targets counted in business
/// days skip them.
/// </summary>
public class PublicHoliday
{
    public int Id { get; set; }

    /// <summary>Stable key of a holiday that came from seeds/holidays.json; null when added by hand.</summary>
    public string? SeedKey { get; set; }

    public LocalizedText Name { get; set; } = new();

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public bool Covers(DateOnly day) => day >= StartDate && day <= EndDate;
}

public sealed class PublicHolidayConfiguration : IEntityTypeConfiguration<PublicHoliday>
{
    public void Configure(EntityTypeBuilder<PublicHoliday> builder)
    {
        builder.ToTable("PublicHolidays");
        builder.Property(h => h.SeedKey).HasMaxLength(80);
        builder.HasIndex(h => h.SeedKey).IsUnique();
        builder.HasIndex(h => h.StartDate);
        builder.ComplexProperty(h => h.Name, n => n.IsLocalizedText("Name", 200));
    }
}
