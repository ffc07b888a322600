using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseDetail> CaseDetails => Set<CaseDetail>();

    public DbSet<CaseTimelineEntry> CaseTimeline => Set<CaseTimelineEntry>();

    public DbSet<CasePause> CasePauses => Set<CasePause>();

    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();

    public DbSet<CaseCounter> CaseCounters => Set<CaseCounter>();
}
