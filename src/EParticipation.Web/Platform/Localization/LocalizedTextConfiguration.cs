using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Localization;

public static class LocalizedTextConfiguration
{
    /// <summary>Maps a <see cref="LocalizedText"/> to two columns, <c>{prefix}Ar</c> and <c>{prefix}En</c>.</summary>
    public static ComplexPropertyBuilder<LocalizedText> IsLocalizedText(
        this ComplexPropertyBuilder<LocalizedText> builder, string prefix, int? maxLength)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var ar = builder.Property(t => t.Ar).HasColumnName(prefix + "Ar").IsRequired();
        var en = builder.Property(t => t.En).HasColumnName(prefix + "En").IsRequired();
        if (maxLength is { } max)
        {
            ar.HasMaxLength(max);
            en.HasMaxLength(max);
        }
        return builder;
    }
}
