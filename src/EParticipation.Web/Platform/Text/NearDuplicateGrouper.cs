namespace EParticipation.Web.Platform.Text;

/// <summary>One comment to group. Ids are expected to grow with submission time: the smallest id of a
/// group is its representative (the earliest comment).</summary>
public readonly record struct GroupInput(long Id, string? Text);

/// <summary>
/// A set of comments that say the same thing. Every input id is in exactly one group; a comment with no
/// near-duplicate is a group of one (<see cref="IsSingleton"/>), so a reviewer's queue is simply the list.
/// </summary>
public sealed record CommentGroup(long RepresentativeId, IReadOnlyList<long> MemberIds)
{
    public int Count => MemberIds.Count;

    public bool IsSingleton => MemberIds.Count == 1;
}

/// <summary>
/// Tuning of <see cref="NearDuplicateGrouper"/>. The defaults are chosen for public comments of 20–150 words.
/// </summary>
public sealed record GroupingOptions
{
    public static GroupingOptions Default { get; } = new();

    /// <summary>
    /// Words per shingle. Three words keep word order (a reordered letter is a different letter) while one
    /// edited word disturbs only three shingles. Texts shorter than this are one shingle of all their words,
    /// so short identical comments still group and short different ones do not.
    /// </summary>
    public int ShingleSize { get; init; } = 3;

    /// <summary>
    /// Minimum Jaccard similarity of two comments' shingle sets to put them in one group. 0.7 is the lowest
    /// value at which one substituted word in the shortest realistic comment (20 words: 15 shared of 21
    /// shingles, 0.71) still groups; independently written comments on the same topic measure below 0.2 on
    /// 3-word shingles, so the margin against false merges is wide. Heavier personalisation (a form letter
    /// plus a paragraph of one's own) falls below it on purpose: that comment deserves its own answer.
    /// </summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>MinHash functions per comment (the signature length). Must be a multiple of <see cref="Bands"/>.</summary>
    public int HashCount { get; init; } = 128;

    /// <summary>
    /// LSH bands; rows per band = HashCount / Bands. 32 bands of 4 rows make a pair at similarity 0.7 a
    /// candidate with probability 1 − (1 − 0.7⁴)³² ≈ 0.9998 (0.9 at 0.5), while unrelated comments
    /// (similarity near 0) almost never share a band. Candidates are verified on the real shingle sets, so
    /// the loose curve costs only cheap comparisons, never a wrong merge.
    /// </summary>
    public int Bands { get; init; } = 32;

    /// <summary>Seed of the hash functions; fixed so that the same input always gives the same groups.</summary>
    public ulong Seed { get; init; } = 0x45502D4752505331; // "EP-GRPS1"

    /// <summary>Threads for shingling and signatures; -1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal int RowsPerBand => HashCount / Bands;

    internal void Validate()
    {
        if (ShingleSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ShingleSize), ShingleSize, "At least one word per shingle.");
        }
        if (double.IsNaN(Threshold) || Threshold <= 0 || Threshold > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold is in (0, 1].");
        }
        if (Bands < 1 || HashCount < Bands || HashCount % Bands != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Bands), Bands, "HashCount must be a positive multiple of Bands.");
        }
        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "-1 or a positive count.");
        }
    }
}

/// <summary>
/// Groups near-identical comments (mass campaigns, form letters with small edits) so that a reviewer answers
/// a group once. Comments are compared on word shingles of their <see cref="ArabicText.Normalize"/>d text:
/// spelling variants of hamza, taa marbuta and alef maqsura, tashkeel, tatweel and punctuation do not count
/// as differences. Pairs whose shingle sets have Jaccard similarity ≥ <see cref="GroupingOptions.Threshold"/>
/// are joined, transitively (A~B and B~C make one group).
/// <para>
/// Comparing every pair is quadratic (5·10⁹ pairs for 100,000 comments), so candidates come from MinHash
/// signatures split into LSH bands: two comments are compared only when some band of their signatures is
/// identical. Every candidate is then verified on the exact shingle sets before it is merged, so the
/// estimate can only cost recall (see the bands' collision curve), never precision.
/// </para>
/// <para>Deterministic: fixed seeds, ordinal hashing, candidate pairs visited in a fixed order; the parallel
/// parts only fill per-comment slots.</para>
/// </summary>
public static class NearDuplicateGrouper
{
    // Comments sharing one band are compared to at most this many "leaders" of that band's bucket (comments
    // that matched none before them). A campaign's bucket has one leader; a bucket only grows leaders when its
    // members share a band yet differ, which bounds the work on pathological input.
    private const int MaxLeadersPerBucket = 8;

    // Shingle of an empty comment (nothing left after normalisation, e.g. only punctuation or emoji): all of
    // those are "the same" and group together, rather than each standing alone with an empty set.
    private const ulong EmptyTextShingle = 0x6E6F2D7465787421;

    public static IReadOnlyList<CommentGroup> Group(
        IReadOnlyList<GroupInput> items, GroupingOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= GroupingOptions.Default;
        options.Validate();
        var n = items.Count;
        if (n == 0)
        {
            return [];
        }
        var seen = new HashSet<long>(n);
        for (var i = 0; i < n; i++)
        {
            if (!seen.Add(items[i].Id))
            {
                throw new ArgumentException($"Comment id {items[i].Id} appears more than once.", nameof(items));
            }
        }

        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };

        // 1. Shingle sets: sorted, distinct 64-bit hashes (no shingle strings are built).
        var sets = new ulong[n][];
        Parallel.For(0, n, parallel, i => sets[i] = ShingleSet(items[i].Text, options.ShingleSize));

        // 2. Identical sets (exact duplicates after normalisation: the bulk of a campaign) join at once and
        //    need one signature between them.
        var forest = new UnionFind(n);
        var distinct = new List<int>(n);
        var firstBySet = new Dictionary<ulong, int>(n);
        for (var i = 0; i < n; i++)
        {
            var key = SetKey(sets[i]);
            if (firstBySet.TryGetValue(key, out var first) && sets[first].AsSpan().SequenceEqual(sets[i]))
            {
                forest.Union(first, i);
            }
            else
            {
                // A 64-bit key collision between different sets (never seen in practice) only means the
                // second set is treated as distinct and goes through MinHash like any other.
                firstBySet.TryAdd(key, i);
                distinct.Add(i);
            }
        }
        ct.ThrowIfCancellationRequested();

        // 3. MinHash signatures of the distinct sets, kept only as the hash of each band (8 bytes per band
        //    instead of 4 per function): buckets need band equality, and verification uses the exact sets.
        var k = options.HashCount;
        var bands = options.Bands;
        var rows = options.RowsPerBand;
        var (multipliers, addends) = HashFunctions(options.Seed, k);
        var u = distinct.Count;
        var bandKeys = new ulong[(long)u * bands];
        Parallel.For(0, u, parallel, j =>
        {
            Span<uint> signature = k <= 1024 ? stackalloc uint[k] : new uint[k];
            Signature(sets[distinct[j]], multipliers, addends, signature);
            for (var band = 0; band < bands; band++)
            {
                bandKeys[((long)j * bands) + band] = BandKey(signature.Slice(band * rows, rows), band);
            }
        });

        // 4. LSH buckets, a few bands at a time (one per core): sort the distinct comments by band key, so
        //    equal runs are buckets. Then 5. verify the candidates in each bucket on the exact sets and merge,
        //    in a fixed order (band, bucket, comment).
        var threshold = options.Threshold;
        var rejected = new HashSet<long>();
        var leaders = new List<int>(MaxLeadersPerBucket);
        var batch = Math.Clamp(options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount, 1, bands);
        var sortedKeys = new ulong[batch][];
        var sortedMembers = new int[batch][];
        for (var first = 0; first < bands; first += batch)
        {
            ct.ThrowIfCancellationRequested();
            var inBatch = Math.Min(batch, bands - first);
            Parallel.For(0, inBatch, parallel, slot =>
            {
                var band = first + slot;
                var keys = sortedKeys[slot] ??= new ulong[u];
                var members = sortedMembers[slot] ??= new int[u];
                for (var j = 0; j < u; j++)
                {
                    keys[j] = bandKeys[((long)j * bands) + band];
                    members[j] = j;
                }
                Array.Sort(keys, members);
                // Array.Sort is not stable: order each bucket by comment so the visit order is fixed.
                for (var start = 0; start < u;)
                {
                    var end = start + 1;
                    while (end < u && keys[end] == keys[start])
                    {
                        end++;
                    }
                    if (end - start > 1)
                    {
                        Array.Sort(members, start, end - start);
                    }
                    start = end;
                }
            });
            for (var slot = 0; slot < inBatch; slot++)
            {
                var keys = sortedKeys[slot];
                var members = sortedMembers[slot];
                for (var start = 0; start < u;)
                {
                    var end = start + 1;
                    while (end < u && keys[end] == keys[start])
                    {
                        end++;
                    }
                    if (end - start > 1)
                    {
                        MergeBucket(members.AsSpan(start, end - start), distinct, sets, forest, threshold, leaders, rejected);
                    }
                    start = end;
                }
            }
        }

        return BuildGroups(items, forest);
    }

    // Each member of a bucket is compared with the bucket's leaders (members that matched no earlier leader),
    // not with every other member: a campaign's bucket of thousands costs one comparison per member. A
    // member is compared with all leaders it is not yet joined to, so it can bridge two of them (A~B, B~C).
    private static void MergeBucket(
        ReadOnlySpan<int> bucket, List<int> distinct, ulong[][] sets, UnionFind forest, double threshold,
        List<int> leaders, HashSet<long> rejected)
    {
        leaders.Clear();
        foreach (var member in bucket)
        {
            var doc = distinct[member];
            var joined = false;
            foreach (var leader in leaders)
            {
                if (forest.Find(doc) == forest.Find(leader))
                {
                    joined = true;
                    continue;
                }
                var pair = ((long)leader << 32) | (uint)doc;
                if (rejected.Contains(pair))
                {
                    continue;
                }
                if (IsSimilar(sets[leader], sets[doc], threshold))
                {
                    forest.Union(leader, doc);
                    joined = true;
                }
                else
                {
                    rejected.Add(pair);
                }
            }
            if (!joined && leaders.Count < MaxLeadersPerBucket)
            {
                leaders.Add(doc);
            }
        }
    }

    /// <summary>Exact Jaccard similarity of two comments as the grouper sees them (normalised, shingled).</summary>
    public static double Similarity(string? a, string? b, int shingleSize = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shingleSize, 1);
        var x = ShingleSet(a, shingleSize);
        var y = ShingleSet(b, shingleSize);
        var shared = Intersection(x, y);
        return (double)shared / (x.Length + y.Length - shared);
    }

    private static List<CommentGroup> BuildGroups(IReadOnlyList<GroupInput> items, UnionFind forest)
    {
        var byRoot = new Dictionary<int, List<long>>();
        for (var i = 0; i < items.Count; i++)
        {
            var root = forest.Find(i);
            if (!byRoot.TryGetValue(root, out var ids))
            {
                ids = [];
                byRoot[root] = ids;
            }
            ids.Add(items[i].Id);
        }
        var groups = new List<CommentGroup>(byRoot.Count);
        foreach (var ids in byRoot.Values)
        {
            ids.Sort();
            groups.Add(new CommentGroup(ids[0], ids.AsReadOnly()));
        }
        groups.Sort(static (a, b) =>
        {
            var bySize = b.Count.CompareTo(a.Count);
            return bySize != 0 ? bySize : a.RepresentativeId.CompareTo(b.RepresentativeId);
        });
        return groups;
    }

    internal static ulong[] ShingleSet(string? text, int shingleSize)
    {
        var normalized = ArabicText.Normalize(text);
        if (normalized.Length == 0)
        {
            return [EmptyTextShingle];
        }

        // The normalised text is words separated by single spaces: at most (length + 1) / 2 words.
        var rented = System.Buffers.ArrayPool<ulong>.Shared.Rent((normalized.Length + 1) / 2 + 1);
        try
        {
            var words = 0;
            var span = normalized.AsSpan();
            while (span.Length > 0)
            {
                var space = span.IndexOf(' ');
                var word = space < 0 ? span : span[..space];
                rented[words++] = WordHash(word);
                span = space < 0 ? [] : span[(space + 1)..];
            }

            var size = Math.Min(shingleSize, words);
            var count = words - size + 1;
            var set = new ulong[count];
            for (var s = 0; s < count; s++)
            {
                var h = (ulong)size;
                for (var w = 0; w < size; w++)
                {
                    h = Mix(h ^ rented[s + w]);
                }
                set[s] = h;
            }
            Array.Sort(set);
            var distinct = 1;
            for (var s = 1; s < set.Length; s++)
            {
                if (set[s] != set[distinct - 1])
                {
                    set[distinct++] = set[s];
                }
            }
            return distinct == set.Length ? set : set[..distinct];
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    // FNV-1a over the UTF-16 code units, then a finaliser so that short words spread over all 64 bits.
    private static ulong WordHash(ReadOnlySpan<char> word)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in word)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }
        return Mix(h);
    }

    // SplitMix64's finaliser: a bijection with full avalanche.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong SetKey(ulong[] set)
    {
        var h = (ulong)set.Length;
        foreach (var x in set)
        {
            h = Mix(h ^ x);
        }
        return h;
    }

    private static ulong BandKey(ReadOnlySpan<uint> rows, int band)
    {
        var h = Mix((ulong)band + 1);
        foreach (var v in rows)
        {
            h = Mix(h ^ v);
        }
        return h;
    }

    private static (ulong[] Multipliers, ulong[] Addends) HashFunctions(ulong seed, int count)
    {
        var multipliers = new ulong[count];
        var addends = new ulong[count];
        var state = seed;
        for (var i = 0; i < count; i++)
        {
            multipliers[i] = Next(ref state) | 1; // odd: x → a·x + b is then a permutation of 64-bit values
            addends[i] = Next(ref state);
        }
        return (multipliers, addends);

        static ulong Next(ref ulong s) => Mix(s += 0x9E3779B97F4A7C15UL);
    }

    // MinHash with k permutations x → a·x + b (mod 2⁶⁴). The shingle hashes are already uniformly mixed, so
    // the order of the products' high bits behaves like a random permutation; the signature keeps the top
    // 32 bits of each minimum (half the memory, collisions negligible at 2⁻³²). Four functions per pass over
    // the set keep four independent minimum chains in flight.
    private static void Signature(ReadOnlySpan<ulong> set, ulong[] multipliers, ulong[] addends, Span<uint> signature)
    {
        var k = signature.Length;
        var i = 0;
        for (; i + 4 <= k; i += 4)
        {
            ulong a0 = multipliers[i], a1 = multipliers[i + 1], a2 = multipliers[i + 2], a3 = multipliers[i + 3];
            ulong b0 = addends[i], b1 = addends[i + 1], b2 = addends[i + 2], b3 = addends[i + 3];
            ulong m0 = ulong.MaxValue, m1 = ulong.MaxValue, m2 = ulong.MaxValue, m3 = ulong.MaxValue;
            foreach (var x in set)
            {
                m0 = Math.Min(m0, (x * a0) + b0);
                m1 = Math.Min(m1, (x * a1) + b1);
                m2 = Math.Min(m2, (x * a2) + b2);
                m3 = Math.Min(m3, (x * a3) + b3);
            }
            signature[i] = (uint)(m0 >> 32);
            signature[i + 1] = (uint)(m1 >> 32);
            signature[i + 2] = (uint)(m2 >> 32);
            signature[i + 3] = (uint)(m3 >> 32);
        }
        for (; i < k; i++)
        {
            var m = ulong.MaxValue;
            foreach (var x in set)
            {
                m = Math.Min(m, (x * multipliers[i]) + addends[i]);
            }
            signature[i] = (uint)(m >> 32);
        }
    }

    private static bool IsSimilar(ulong[] a, ulong[] b, double threshold)
    {
        // |A ∩ B| ≤ min, |A ∪ B| ≥ max: the size ratio bounds the similarity, so skip the merge when it is low.
        int small = Math.Min(a.Length, b.Length), large = Math.Max(a.Length, b.Length);
        if (small < threshold * large)
        {
            return false;
        }
        var shared = Intersection(a, b);
        return shared >= threshold * (a.Length + b.Length - shared) - 1e-9;
    }

    private static int Intersection(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                shared++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    private sealed class UnionFind
    {
        private readonly int[] _parent;

        public UnionFind(int count)
        {
            _parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                _parent[i] = i;
            }
        }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]]; // path halving
                x = _parent[x];
            }
            return x;
        }

        // The smaller index becomes the root: deterministic, and trees stay shallow enough with path halving.
        public void Union(int a, int b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb)
            {
                return;
            }
            if (ra < rb)
            {
                _parent[rb] = ra;
            }
            else
            {
                _parent[ra] = rb;
            }
        }
    }
}
