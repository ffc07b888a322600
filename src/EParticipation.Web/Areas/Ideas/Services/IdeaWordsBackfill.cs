using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>
/// Writes the title words, pairs and threes (<see cref="Idea.IndexTitle"/>) of ideas stored before the
/// similar-idea index existed or before it had threes, in batches, at start on every installation: ideas
/// written since carry them from <see cref="Idea.Write"/>. Run twice, it finds nothing to do (an idea
/// with any word, and with threes when its title has three words, is done; one whose title has no word
/// to index has nothing to write).
/// </summary>
public sealed class IdeaWordsBackfill : IDataSeeder
{
    private const int Batch = 500;

    public int Order => 280;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = 0;
        while (true)
        {
            var ideas = await db.Ideas
                .Where(i => i.Id > after && (!db.IdeaWords.Any(w => w.IdeaId == i.Id)
                    || (db.IdeaWords.Any(w => w.IdeaId == i.Id && w.WordCount >= 3) && !db.IdeaWordTriples.Any(t => t.IdeaId == i.Id))))
                .OrderBy(i => i.Id).Take(Batch)
                .Include(i => i.Words).Include(i => i.WordPairs).Include(i => i.WordTriples)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (ideas.Count == 0)
            {
                return;
            }
            foreach (var idea in ideas)
            {
                idea.IndexTitle();
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = ideas[^1].Id;
        }
    }
}
