using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Security;

/// <summary>
/// An ASP.NET Core data-protection key. Kept in the database so every instance of the portal
/// decrypts the same sign-in cookies and antiforgery tokens.
/// </summary>
public class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = "";
}

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
