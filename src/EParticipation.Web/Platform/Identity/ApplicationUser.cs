using EParticipation.Web.Platform.Agencies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Identity;

public enum AccountType
{
    Citizen,
    Resident,
    Visitor,
    Business,
}

/// <summary>
/// A portal account. Participants hold only what the portal needs (PDPL): a name, an email, the
/// kind of participant, and for businesses the commercial registration. Staff also name their agency.
/// </summary>
public class ApplicationUser : IdentityUser<Guid>
{
    public string FullName { get; set; } = "";

    public AccountType AccountType { get; set; }

    /// <summary>Saudi commercial-registration number, ten digits; business representatives only.</summary>
    public string? CommercialRegistrationNumber { get; set; }

    public string PreferredLanguage { get; set; } = "ar";

    /// <summary>The one agency a staff member works for; null for participants and platform staff.</summary>
    public int? AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the person deleted their account; the row stays as an anonymous tombstone.</summary>
    public DateTime? DeletedAt { get; set; }
}

public class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole()
    {
    }

    public ApplicationRole(string name)
        : base(name)
    {
    }
}

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(200);
        builder.Property(u => u.AccountType).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.CommercialRegistrationNumber).HasMaxLength(10);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(2);
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.AgencyId);
    }
}
