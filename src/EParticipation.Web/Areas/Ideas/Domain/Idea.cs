using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Taxonomy;
using EParticipation.Web.Platform.Text;

namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>
/// A participant's idea, to a challenge or freely to an agency, and its path through the agency's
/// Voice-of-Beneficiary triage. Every move is kept in <see cref="Events"/>, so the idea's page
/// shows its whole line from submission to implementation.
/// </summary>
public class Idea
{
    public int Id { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public int? ChallengeId { get; set; }

    public Challenge? Challenge { get; set; }

    public int SectorId { get; set; }

    public Sector? Sector { get; set; }

    public Guid? AuthorId { get; set; }

    /// <summary>The name the author chose to publish with.</summary>
    public string DisplayName { get; set; } = "";

    public string Title { get; private set; } = "";

    public string Problem { get; private set; } = "";

    public string Proposal { get; private set; } = "";

    public string Benefit { get; private set; } = "";

    /// <summary>The title normalised by <see cref="ArabicText"/>: what similar-idea suggestions compare.</summary>
    public string TitleKey { get; private set; } = "";

    /// <summary>Title, problem and proposal normalised, for the list's search.</summary>
    public string SearchText { get; private set; } = "";

    public IdeaStatus Status { get; set; }

    public IdeaVisibility Visibility { get; set; }

    /// <summary>The VoC team's latest public answer (with the status it was given for).</summary>
    public LocalizedText Answer { get; set; } = new();

    /// <summary>Set when the VoC team marks it a duplicate: the original, whose page then counts its supports.</summary>
    public int? DuplicateOfId { get; set; }

    public int SupportCount { get; set; }

    public int CommentCount { get; set; }

    public Guid SubmissionKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime StatusChangedAt { get; set; }

    /// <summary>Counts the triage saves; the analyst's form carries it (409 when someone saved since).</summary>
    public int Version { get; set; }

    public List<IdeaEvent> Events { get; set; } = [];

    public List<IdeaAttachment> Attachments { get; set; } = [];

    /// <summary>The title's words, for the similar-idea suggestions (rewritten by <see cref="Write"/>).</summary>
    public List<IdeaWord> Words { get; set; } = [];

    /// <summary>The title's pairs of words, for the similar-idea suggestions (rewritten by <see cref="Write"/>).</summary>
    public List<IdeaWordPair> WordPairs { get; set; } = [];

    /// <summary>The title's threes of words, for the similar-idea suggestions (rewritten by <see cref="Write"/>).</summary>
    public List<IdeaWordTriple> WordTriples { get; set; } = [];

    public bool IsPublic => Visibility == IdeaVisibility.Published;

    public void Write(string title, string problem, string proposal, string benefit)
    {
        Title = title.Trim();
        Problem = problem.Trim();
        Proposal = proposal.Trim();
        Benefit = benefit.Trim();
        TitleKey = ArabicText.Normalize(Title);
        var text = ArabicText.Normalize($"{Title} {Problem} {Proposal}");
        SearchText = text.Length > IdeaRules.SearchTextMaxLength ? text[..IdeaRules.SearchTextMaxLength] : text;
        IndexTitle();
    }

    /// <summary>
    /// Rewrites the title's words, pairs and threes of words (<see cref="IdeaTitleWords"/>) that the similar-idea
    /// suggestions look up; called by <see cref="Write"/>, and for ideas stored before the index existed.
    /// Their agency is the idea's, set by the key they share with it.
    /// </summary>
    public void IndexTitle()
    {
        var words = IdeaTitleWords.Of(TitleKey);
        Words.Clear();
        Words.AddRange(words.Select(w => new IdeaWord { Word = w, Head = IdeaTitleWords.Head(w), WordCount = words.Count }));
        WordPairs.Clear();
        WordPairs.AddRange(IdeaTitleWords.Pairs(words).Select(p => new IdeaWordPair { Pair = p, WordCount = words.Count }));
        WordTriples.Clear();
        WordTriples.AddRange(IdeaTitleWords.Triples(words).Select(t => new IdeaWordTriple { Triple = t, WordCount = words.Count }));
    }

    /// <summary>The VoC team moves the idea on, with a public answer; the move is kept in its path.</summary>
    public IdeaEvent Move(IdeaStatus to, LocalizedText answer, Guid? by, DateTime now, int? duplicateOf = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!IdeaRules.MayMove(Status, to))
        {
            throw new InvalidOperationException($"An idea does not move from {Status} to {to}.");
        }
        if (to == IdeaStatus.Duplicate && (duplicateOf is null || duplicateOf == Id))
        {
            throw new InvalidOperationException("A duplicate names its original.");
        }
        Status = to;
        DuplicateOfId = to == IdeaStatus.Duplicate ? duplicateOf : null;
        Answer = new LocalizedText(answer.Ar.Trim(), answer.En.Trim());
        StatusChangedAt = now;
        Version++;
        var entry = new IdeaEvent { Kind = IdeaEventKind.Status, Status = to, Note = Answer, At = now, ById = by };
        Events.Add(entry);
        return entry;
    }

    /// <summary>A progress report on an accepted idea.</summary>
    public IdeaEvent Progress(LocalizedText note, Guid? by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (Status != IdeaStatus.Accepted)
        {
            throw new InvalidOperationException("Progress is reported on accepted ideas.");
        }
        Version++;
        var entry = new IdeaEvent { Kind = IdeaEventKind.Progress, Status = Status, Note = new LocalizedText(note.Ar.Trim(), note.En.Trim()), At = now, ById = by };
        Events.Add(entry);
        return entry;
    }
}
