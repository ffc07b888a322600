using EParticipation.Web.Areas.Ideas.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<Challenge> Challenges => Set<Challenge>();

    public DbSet<ChallengeTargetGroup> ChallengeTargetGroups => Set<ChallengeTargetGroup>();

    public DbSet<Idea> Ideas => Set<Idea>();

    public DbSet<IdeaEvent> IdeaEvents => Set<IdeaEvent>();

    public DbSet<IdeaSupport> IdeaSupports => Set<IdeaSupport>();

    public DbSet<IdeaAttachment> IdeaAttachments => Set<IdeaAttachment>();

    public DbSet<IdeaWord> IdeaWords => Set<IdeaWord>();

    public DbSet<IdeaWordPair> IdeaWordPairs => Set<IdeaWordPair>();

    public DbSet<IdeaWordTriple> IdeaWordTriples => Set<IdeaWordTriple>();
}
