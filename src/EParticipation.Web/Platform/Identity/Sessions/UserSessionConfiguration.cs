using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Identity.Sessions;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.Device).HasMaxLength(100);
        builder.Property(s => s.Ticket).IsRequired();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // The account page lists a user's sessions; a password change ends them all.
        builder.HasIndex(s => s.UserId);
        // Expired rows are purged at each sign-in.
        builder.HasIndex(s => s.ExpiresAt);
    }
}
