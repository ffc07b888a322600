using EParticipation.Web.Areas.Events.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<PortalEvent> Events => Set<PortalEvent>();

    public DbSet<EventRegistration> EventRegistrations => Set<EventRegistration>();

    public DbSet<EventAttendee> EventAttendees => Set<EventAttendee>();

    public DbSet<HackathonCriterion> HackathonCriteria => Set<HackathonCriterion>();

    public DbSet<HackathonJudge> HackathonJudges => Set<HackathonJudge>();

    public DbSet<HackathonSubmission> HackathonSubmissions => Set<HackathonSubmission>();

    public DbSet<HackathonSubmissionFile> HackathonSubmissionFiles => Set<HackathonSubmissionFile>();

    public DbSet<HackathonReview> HackathonReviews => Set<HackathonReview>();

    public DbSet<HackathonScore> HackathonScores => Set<HackathonScore>();
}
