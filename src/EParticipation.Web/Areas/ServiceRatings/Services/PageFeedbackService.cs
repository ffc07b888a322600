using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// Stores an answer to "was this information useful?": the page without its language, yes or no,
/// the problems chosen and the text with personal data removed, and adds it to the page's monthly
/// counts in the same transaction. Nothing about who answered is kept.
/// </summary>
public sealed class PageFeedbackService(AppDbContext db, TimeProvider clock)
{
    // Words that say the writer wants something done for them, not about the page (Arabic normalised).
    private static readonly string[] HelpWords =
    [
        "ساعدوني", "ساعدني", "مساعده", "احتاج", "اريد", "ارجو", "شكوي", "مشكلتي", "طلبي", "معاملتي", "لم يتم", "ما تم",
        "help", "complaint", "complain", "my application", "my request", "please",
    ];

    /// <summary>The page's address without the language segment, or null for an address that is not a local page.</summary>
    public static string? PathOf(string? page)
    {
        if (string.IsNullOrEmpty(page) || !page.StartsWith('/') || page.StartsWith("//", StringComparison.Ordinal) || page.StartsWith("/\\", StringComparison.Ordinal))
        {
            return null;
        }
        var path = page.Split('?', '#')[0];
        foreach (var lang in new[] { PortalCultures.Arabic, PortalCultures.English })
        {
            if (path.Equals("/" + lang, StringComparison.OrdinalIgnoreCase))
            {
                return "/";
            }
            if (path.StartsWith("/" + lang + "/", StringComparison.OrdinalIgnoreCase))
            {
                path = path[(lang.Length + 1)..];
                break;
            }
        }
        path = path.TrimEnd('/');
        return path.Length is 0 ? "/" : path.Length > 300 ? path[..300] : path.ToLowerInvariant();
    }

    public static bool AsksForHelp(string? text)
    {
        var normal = ArabicText.Normalize(text);
        return normal.Length > 0 && HelpWords.Any(w => normal.Contains(w, StringComparison.Ordinal));
    }

    public async Task SaveAsync(string path, PageFeedbackInput input, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var month = ServiceRatingMonth.MonthOf(now);
        var useful = input.Useful == "yes";
        if (!await db.PageFeedbackMonths.AnyAsync(m => m.Path == path && m.Month == month, cancellationToken))
        {
            var row = new PageFeedbackMonth { Path = path, Month = month };
            db.PageFeedbackMonths.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                // Another answer created the row at the same moment.
            }
            db.Entry(row).State = EntityState.Detached;
        }
        var text = useful || string.IsNullOrWhiteSpace(input.Text) ? null : PersonalDataScrubber.Scrub(input.Text.Trim()).Text;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PageFeedback.Add(new PageFeedback
        {
            Path = path,
            Useful = useful,
            Problems = useful || input.Problems.Count == 0 ? null : string.Join(',', input.Problems.Distinct(StringComparer.Ordinal)),
            Text = text is { Length: > 1000 } ? text[..1000] : text,
            Language = language,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        var yes = useful ? 1 : 0;
        var no = useful ? 0 : 1;
        await db.PageFeedbackMonths.Where(m => m.Path == path && m.Month == month)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Yes, m => m.Yes + yes).SetProperty(m => m.No, m => m.No + no), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The pages with answers (optionally only those under <paramref name="prefixes"/>), and one page's newest answers.</summary>
    public async Task<PageFeedbackResults> ResultsAsync(string? path, IReadOnlyList<string>? prefixes, CancellationToken cancellationToken = default)
    {
        var months = db.PageFeedbackMonths.AsNoTracking();
        var pages = (await months.GroupBy(m => m.Path).Select(g => new { Path = g.Key, Yes = g.Sum(m => m.Yes), No = g.Sum(m => m.No) }).ToListAsync(cancellationToken))
            .Where(p => prefixes is null || prefixes.Any(x => p.Path.StartsWith(x, StringComparison.Ordinal)))
            .OrderByDescending(p => p.No).ThenBy(p => p.Path, StringComparer.Ordinal)
            .Select(p => new PageFeedbackSummary(p.Path, p.Yes, p.No, null))
            .ToList();
        IReadOnlyList<PageFeedbackEntry> entries = [];
        if (path is not null && pages.Any(p => p.Path == path))
        {
            entries = await db.PageFeedback.AsNoTracking().Where(f => f.Path == path).OrderByDescending(f => f.CreatedAt).Take(100)
                .Select(f => new PageFeedbackEntry(f.Useful, f.Problems, f.Text, f.CreatedAt)).ToListAsync(cancellationToken);
        }
        return new PageFeedbackResults(pages, path, entries);
    }
}
