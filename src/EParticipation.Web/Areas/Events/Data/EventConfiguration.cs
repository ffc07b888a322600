using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.Events.Data;

public sealed class EventConfiguration : IEntityTypeConfiguration<PortalEvent>
{
    public void Configure(EntityTypeBuilder<PortalEvent> builder)
    {
        builder.ToTable("Events");
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(e => e.Title, n => n.IsLocalizedText("Title", 300));
        builder.ComplexProperty(e => e.Description, n => n.IsLocalizedText("Description", 8000));
        builder.ComplexProperty(e => e.Eligibility, n => n.IsLocalizedText("Eligibility", 2000));
        builder.Property(e => e.OnlineUrl).HasMaxLength(500);
        builder.Property(e => e.Address).HasMaxLength(300);
        builder.Property(e => e.City).HasMaxLength(100);
        builder.HasOne(e => e.Agency).WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.CreatedById).OnDelete(DeleteBehavior.Restrict);
        // The public list: upcoming by start, past by end, each filter leading its own index.
        builder.HasIndex(e => e.StartsAt);
        builder.HasIndex(e => e.EndsAt);
        builder.HasIndex(e => new { e.AgencyId, e.StartsAt });
        builder.HasIndex(e => new { e.Kind, e.StartsAt });
    }
}

public sealed class EventRegistrationConfiguration : IEntityTypeConfiguration<EventRegistration>
{
    public void Configure(EntityTypeBuilder<EventRegistration> builder)
    {
        builder.ToTable("EventRegistrations");
        builder.Property(r => r.TeamName).HasMaxLength(100);
        builder.Property(r => r.RequestedPool).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.SeatedPool).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Attendees).WithOne(a => a.Registration).HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // The waitlist, in order; and a person's registrations.
        builder.HasIndex(r => new { r.EventId, r.Status, r.Id });
        builder.HasIndex(r => r.UserId);
    }
}

public sealed class EventAttendeeConfiguration : IEntityTypeConfiguration<EventAttendee>
{
    public void Configure(EntityTypeBuilder<EventAttendee> builder)
    {
        builder.ToTable("EventAttendees");
        builder.Property(a => a.Email).HasMaxLength(256);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Code).HasMaxLength(12);
        builder.Property(a => a.InvitationToken).HasMaxLength(64);
        // One place per person and event, whether they registered or were invited; codes are unique.
        builder.HasIndex(a => new { a.EventId, a.UserId }).IsUnique();
        builder.HasIndex(a => new { a.EventId, a.Email }).IsUnique();
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => a.InvitationToken).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HackathonCriterionConfiguration : IEntityTypeConfiguration<HackathonCriterion>
{
    public void Configure(EntityTypeBuilder<HackathonCriterion> builder)
    {
        builder.ToTable("HackathonCriteria");
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.ComplexProperty(c => c.Name, n => n.IsLocalizedText("Name", 200));
        builder.ComplexProperty(c => c.Description, n => n.IsLocalizedText("Description", 2000));
        builder.HasOne<PortalEvent>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        // The event page lists them in order.
        builder.HasIndex(c => new { c.EventId, c.Position });
    }
}

public sealed class HackathonJudgeConfiguration : IEntityTypeConfiguration<HackathonJudge>
{
    public void Configure(EntityTypeBuilder<HackathonJudge> builder)
    {
        builder.ToTable("HackathonJudges");
        builder.HasOne<PortalEvent>().WithMany().HasForeignKey(j => j.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.EventId, j.UserId }).IsUnique();
        builder.HasIndex(j => j.UserId);
    }
}

public sealed class HackathonSubmissionConfiguration : IEntityTypeConfiguration<HackathonSubmission>
{
    public void Configure(EntityTypeBuilder<HackathonSubmission> builder)
    {
        builder.ToTable("HackathonSubmissions");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Summary).HasMaxLength(4000);
        builder.Property(s => s.Link).HasMaxLength(500);
        builder.HasOne<PortalEvent>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Registration).WithMany().HasForeignKey(s => s.RegistrationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UpdatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Files).WithOne().HasForeignKey(f => f.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        // One submission per team; the judges' list and the winners by event.
        builder.HasIndex(s => s.RegistrationId).IsUnique();
        builder.HasIndex(s => new { s.EventId, s.Place });
    }
}

public sealed class HackathonSubmissionFileConfiguration : IEntityTypeConfiguration<HackathonSubmissionFile>
{
    public void Configure(EntityTypeBuilder<HackathonSubmissionFile> builder)
    {
        builder.ToTable("HackathonSubmissionFiles");
        builder.Property(f => f.StorageKey).HasMaxLength(64);
        builder.Property(f => f.FileName).HasMaxLength(260);
        builder.Property(f => f.ContentType).HasMaxLength(200);
        builder.HasIndex(f => f.SubmissionId);
    }
}

public sealed class HackathonReviewConfiguration : IEntityTypeConfiguration<HackathonReview>
{
    public void Configure(EntityTypeBuilder<HackathonReview> builder)
    {
        builder.ToTable("HackathonReviews");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.Feedback).HasMaxLength(4000);
        builder.HasOne<HackathonSubmission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.JudgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
        // One review per judge and submission.
        builder.HasIndex(r => new { r.SubmissionId, r.JudgeId }).IsUnique();
        builder.HasIndex(r => r.JudgeId);
    }
}

public sealed class HackathonScoreConfiguration : IEntityTypeConfiguration<HackathonScore>
{
    public void Configure(EntityTypeBuilder<HackathonScore> builder)
    {
        builder.ToTable("HackathonScores");
        builder.HasOne<HackathonCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ReviewId, s.CriterionId }).IsUnique();
        builder.HasIndex(s => s.CriterionId);
    }
}
