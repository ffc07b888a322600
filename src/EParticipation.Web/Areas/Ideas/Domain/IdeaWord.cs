namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>
/// One word of an idea's title, normalised as the similar-idea suggestions compare them
/// (<see cref="IdeaTitleWords.Of"/>), written by <see cref="Idea.Write"/>. Looked up by the first
/// three letters (<see cref="Head"/>, an equality every engine's index serves) and then by prefix, so
/// the word a participant is still typing finds the titles whose words begin with it.
/// </summary>
public class IdeaWord
{
    public int IdeaId { get; set; }

    /// <summary>The idea's agency (taken from the idea by the key (IdeaId, AgencyId)), so suggestions within one agency are read from this index alone.</summary>
    public int AgencyId { get; set; }

    public string Word { get; set; } = "";

    /// <summary>The word's first three letters (words are at least three letters long).</summary>
    public string Head { get; set; } = "";

    /// <summary>How many words the idea's title has: of two titles sharing as many words, the shorter is the more similar.</summary>
    public int WordCount { get; set; }
}

/// <summary>
/// Two words of an idea's title (in ordinal order, joined by a space), written by <see cref="Idea.Write"/>.
/// A title shares a pair with what is being typed only when it shares both words, and a pair is far
/// rarer than either word: the suggestions read the ideas sharing two or more words from a few hundred
/// index entries where the single words would give tens of thousands on a busy portal.
/// </summary>
public class IdeaWordPair
{
    public int IdeaId { get; set; }

    public int AgencyId { get; set; }

    public string Pair { get; set; } = "";

    public int WordCount { get; set; }
}

/// <summary>
/// Three words of an idea's title (in ordinal order, joined by spaces), written by <see cref="Idea.Write"/>.
/// Rarer again than a pair: once three words are typed, the ideas sharing three or more of them are read
/// from a few dozen index entries per triple, where pairs would give hundreds each on a busy portal.
/// </summary>
public class IdeaWordTriple
{
    public int IdeaId { get; set; }

    public int AgencyId { get; set; }

    public string Triple { get; set; } = "";

    public int WordCount { get; set; }
}
