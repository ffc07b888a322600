using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EParticipation.Bench.Grouping;
using EParticipation.Web.Platform.Text;

// Grouping benchmark: 100,000 generated comments (or the count given as the first argument), grouped three
// times after a warm-up; the median time, the process's peak memory and the quality of the groups against
// the generator's campaign labels go to bench/results/grouping.md and grouping.json.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
const int Seed = 20250601;
const int Runs = 3;
var options = GroupingOptions.Default;

var loadAtStart = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
Console.WriteLine($"Generating {count:N0} comments (seed {Seed})...");
var generator = new CommentGenerator(Seed);
var comments = generator.Generate(count);
var inputs = comments.Select(c => new GroupInput(c.Id, c.Text)).ToList();
var words = comments.Select(c => c.Text.Count(ch => ch == ' ') + 1).ToArray();
var inputHeap = GC.GetTotalMemory(forceFullCollection: true);

Console.WriteLine("Warm-up on 10,000 comments...");
NearDuplicateGrouper.Group(
    new CommentGenerator(Seed + 1).Generate(10_000).Select(c => new GroupInput(c.Id, c.Text)).ToList(), options);
GC.Collect();

var seconds = new List<double>();
IReadOnlyList<CommentGroup> groups = [];
long allocated = 0;
long groupingManagedPeak = 0;
for (var run = 1; run <= Runs; run++)
{
    using var sampler = new MemorySampler();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    groups = NearDuplicateGrouper.Group(inputs, options);
    watch.Stop();
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    seconds.Add(watch.Elapsed.TotalSeconds);
    sampler.Dispose();
    groupingManagedPeak = Math.Max(groupingManagedPeak, sampler.PeakManagedHeap);
    Console.WriteLine($"Run {run}: {watch.Elapsed.TotalSeconds:F2} s, {groups.Count:N0} groups");
    GC.Collect();
}
seconds.Sort();
var median = seconds[Runs / 2];
using var process = Process.GetCurrentProcess();
process.Refresh();
var peakWorkingSet = process.PeakWorkingSet64;

// Quality against the labels. A campaign's group is the group holding most of its copies.
var campaignOf = comments.ToDictionary(c => c.Id, c => c.Campaign);
var campaignSizes = comments.Where(c => c.Campaign >= 0).GroupBy(c => c.Campaign).ToDictionary(g => g.Key, g => g.Count());
var campaignComments = campaignSizes.Values.Sum();
var distinctComments = comments.Count - campaignComments;
var quality = Assess(groups, campaignOf, campaignComments, out var inCampaignGroup);
var perCampaign = campaignSizes.OrderBy(p => p.Key)
    .Select(p => new CampaignResult(p.Key, generator.LetterLengths[p.Key], p.Value, inCampaignGroup.GetValueOrDefault(p.Key)))
    .ToList();

// The same comments at other thresholds (quality only, one run each): what the default trades.
var sensitivity = new List<ThresholdResult>();
foreach (var threshold in new[] { 0.5, 0.6, 0.7, 0.8, 0.9 })
{
    var other = NearDuplicateGrouper.Group(inputs, options with { Threshold = threshold });
    sensitivity.Add(Assess(other, campaignOf, campaignComments, out _) with { Threshold = threshold });
    Console.WriteLine($"Threshold {threshold}: {sensitivity[^1]}");
}

// Other work on the machine slows the runs down; the load when the benchmark started says how quiet it was.
var cpu = File.Exists("/proc/cpuinfo")
    ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
    : null;
var result = new BenchResult(
    Date: DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
    Machine: new MachineInfo(Environment.ProcessorCount, cpu ?? RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, GCSettings.IsServerGC ? "server" : "workstation",
        loadAtStart),
    Options: options,
    Comments: comments.Count,
    CampaignComments: campaignComments,
    DistinctComments: distinctComments,
    WordsPerComment: new WordStats(words.Min(), words.Max(), Math.Round(words.Average(), 1)),
    ElapsedSecondsMedian: Math.Round(median, 3),
    ElapsedSecondsRuns: seconds.Select(s => Math.Round(s, 3)).ToList(),
    PeakWorkingSetMb: Math.Round(peakWorkingSet / 1048576.0, 1),
    InputManagedHeapMb: Math.Round(inputHeap / 1048576.0, 1),
    GroupingPeakManagedHeapMb: Math.Round(groupingManagedPeak / 1048576.0, 1),
    AllocatedPerRunMb: Math.Round(allocated / 1048576.0, 1),
    Groups: groups.Count,
    GroupsOfTwoOrMore: groups.Count(g => !g.IsSingleton),
    Singletons: groups.Count(g => g.IsSingleton),
    LargestGroups: groups.Take(25).Select(g => g.Count).ToList(),
    Recall: quality.Recall,
    FalseMergeRate: Math.Round((double)quality.DistinctCommentsInCampaignGroups / distinctComments, 5),
    DistinctCommentsInCampaignGroups: quality.DistinctCommentsInCampaignGroups,
    DistinctCommentsInAnyGroup: quality.DistinctCommentsInAnyGroup,
    GroupsMixingCampaigns: quality.GroupsMixingCampaigns,
    PerCampaign: perCampaign,
    Thresholds: sensitivity);

var root = RepositoryRoot();
var resultsDirectory = Path.Combine(root, "bench", "results");
Directory.CreateDirectory(resultsDirectory);
var json = new JsonSerializerOptions
{
    WriteIndented = true,
    PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
};
File.WriteAllText(Path.Combine(resultsDirectory, "grouping.json"), JsonSerializer.Serialize(result, json) + "\n");
File.WriteAllText(Path.Combine(resultsDirectory, "grouping.md"), Markdown(result));
Console.WriteLine($"Median {median:F2} s, peak working set {result.PeakWorkingSetMb} MB, recall {quality.Recall:P2}, " +
                  $"false merges {quality.DistinctCommentsInCampaignGroups} of {distinctComments}. Written to {resultsDirectory}.");
return 0;

static ThresholdResult Assess(
    IReadOnlyList<CommentGroup> groups, Dictionary<long, int> campaignOf, int campaignComments, out Dictionary<int, int> inCampaignGroup)
{
    var best = new Dictionary<int, (CommentGroup Group, int Members)>();
    foreach (var group in groups.Where(g => !g.IsSingleton))
    {
        foreach (var byCampaign in group.MemberIds.Select(id => campaignOf[id]).Where(c => c >= 0).GroupBy(c => c))
        {
            var members = byCampaign.Count();
            if (!best.TryGetValue(byCampaign.Key, out var current) || members > current.Members)
            {
                best[byCampaign.Key] = (group, members);
            }
        }
    }
    inCampaignGroup = best.ToDictionary(p => p.Key, p => p.Value.Members);
    var campaignGroups = best.Values.Select(v => v.Group).Distinct().ToList();
    return new ThresholdResult(
        Threshold: 0,
        Recall: Math.Round((double)best.Values.Sum(v => v.Members) / campaignComments, 4),
        DistinctCommentsInCampaignGroups: campaignGroups.Sum(g => g.MemberIds.Count(id => campaignOf[id] < 0)),
        DistinctCommentsInAnyGroup: groups.Where(g => !g.IsSingleton).Sum(g => g.MemberIds.Count(id => campaignOf[id] < 0)),
        GroupsMixingCampaigns: campaignGroups.Count(g => g.MemberIds.Select(id => campaignOf[id]).Where(c => c >= 0).Distinct().Count() > 1),
        GroupsOfTwoOrMore: groups.Count(g => !g.IsSingleton));
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "EParticipation.sln")))
        {
            return directory.FullName;
        }
    }
    return Directory.GetCurrentDirectory();
}

static string Markdown(BenchResult r)
{
    var md = new StringBuilder();
    md.AppendLine("# Near-duplicate grouping benchmark")
        .AppendLine()
        .AppendLine("Written by `dotnet run -c Release --project bench/Grouping` (see bench/Grouping/README.md). Target: 100,000 comments in well under a minute on the 2-core machine.")
        .AppendLine()
        .AppendLine("| | |")
        .AppendLine("| --- | --- |")
        .AppendLine($"| date | {r.Date} |")
        .AppendLine($"| machine | {r.Machine.ProcessorCount} cores (`Environment.ProcessorCount`), {r.Machine.Cpu} |")
        .AppendLine($"| OS, runtime | {r.Machine.Os}, {r.Machine.Runtime}, {r.Machine.Gc} GC |")
        .AppendLine($"| load average at start | {r.Machine.LoadAverageAtStart} (1, 5, 15 min; other work on the machine slows the runs) |")
        .AppendLine($"| options | {r.Options.ShingleSize}-word shingles, threshold {r.Options.Threshold}, {r.Options.HashCount} MinHash functions in {r.Options.Bands} bands of {r.Options.HashCount / r.Options.Bands} rows |")
        .AppendLine($"| comments | {r.Comments:N0}: {r.CampaignComments:N0} copies of 20 form letters, {r.DistinctComments:N0} written independently; {r.WordsPerComment.Min}–{r.WordsPerComment.Max} words, {r.WordsPerComment.Mean} on average |")
        .AppendLine($"| elapsed (median of {r.ElapsedSecondsRuns.Count}) | **{r.ElapsedSecondsMedian:F2} s** (runs: {string.Join(", ", r.ElapsedSecondsRuns.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} s) |")
        .AppendLine($"| peak working set | **{r.PeakWorkingSetMb} MB** for the whole process (`Process.PeakWorkingSet64`, generating the comments included) |")
        .AppendLine($"| managed heap | {r.InputManagedHeapMb} MB holds the generated comments; {r.GroupingPeakManagedHeapMb} MB at most during grouping (sampled every 10 ms, the input included) |")
        .AppendLine($"| allocated per grouping | {r.AllocatedPerRunMb} MB |")
        .AppendLine($"| groups | {r.Groups:N0}: {r.GroupsOfTwoOrMore:N0} of two or more, {r.Singletons:N0} single comments |")
        .AppendLine($"| largest groups | {string.Join(", ", r.LargestGroups)} |")
        .AppendLine($"| recall | **{r.Recall:P2}** of campaign copies are in their campaign's group |")
        .AppendLine($"| false merges | **{r.DistinctCommentsInCampaignGroups}** of {r.DistinctComments:N0} independent comments in a campaign's group ({r.FalseMergeRate:P3}); {r.DistinctCommentsInAnyGroup} in any group of two or more |")
        .AppendLine($"| groups mixing campaigns | {r.GroupsMixingCampaigns} |")
        .AppendLine()
        .AppendLine("## Per campaign")
        .AppendLine()
        .AppendLine("| campaign | words in the letter | copies | in its group | recall |")
        .AppendLine("| ---: | ---: | ---: | ---: | ---: |");
    foreach (var c in r.PerCampaign)
    {
        md.AppendLine($"| {c.Campaign} | {c.LetterWords} | {c.Copies:N0} | {c.InItsGroup:N0} | {(double)c.InItsGroup / c.Copies:P2} |");
    }
    md.AppendLine()
        .AppendLine("## Other thresholds (same comments, quality only)")
        .AppendLine()
        .AppendLine("| threshold | recall | independent comments in a campaign's group | in any group | groups mixing campaigns | groups of two or more |")
        .AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var t in r.Thresholds)
    {
        md.AppendLine($"| {t.Threshold} | {t.Recall:P2} | {t.DistinctCommentsInCampaignGroups} | {t.DistinctCommentsInAnyGroup} | {t.GroupsMixingCampaigns} | {t.GroupsOfTwoOrMore:N0} |");
    }
    md.AppendLine()
        .AppendLine("Recall: a campaign's group is the group holding most of its copies; copies outside it are misses. They")
        .AppendLine("come from the shortest letters: two or three edited words and a signature in a letter of under 45 words")
        .AppendLine("leave a copy below 0.7 with every other copy, which is the threshold working as meant. False merges:")
        .AppendLine("independent comments placed in a campaign's group. The generated independent comments share words but no")
        .AppendLine("phrasing with the letters, so lower thresholds cost nothing here. Real dockets have comments in between:")
        .AppendLine("a 60-word letter with a 30-word paragraph of one's own measures 0.66 and deserves its own answer, which is")
        .AppendLine("why the default stays at 0.7.");
    return md.ToString();
}

internal sealed record MachineInfo(int ProcessorCount, string Cpu, string Os, string Runtime, string Gc, string LoadAverageAtStart);

internal sealed record WordStats(int Min, int Max, double Mean);

internal sealed record CampaignResult(int Campaign, int LetterWords, int Copies, int InItsGroup);

internal sealed record BenchResult(
    string Date,
    MachineInfo Machine,
    GroupingOptions Options,
    int Comments,
    int CampaignComments,
    int DistinctComments,
    WordStats WordsPerComment,
    double ElapsedSecondsMedian,
    List<double> ElapsedSecondsRuns,
    double PeakWorkingSetMb,
    double InputManagedHeapMb,
    double GroupingPeakManagedHeapMb,
    double AllocatedPerRunMb,
    int Groups,
    int GroupsOfTwoOrMore,
    int Singletons,
    List<int> LargestGroups,
    double Recall,
    double FalseMergeRate,
    int DistinctCommentsInCampaignGroups,
    int DistinctCommentsInAnyGroup,
    int GroupsMixingCampaigns,
    List<CampaignResult> PerCampaign,
    List<ThresholdResult> Thresholds);

internal sealed record ThresholdResult(double Threshold, double Recall, int DistinctCommentsInCampaignGroups, int DistinctCommentsInAnyGroup, int GroupsMixingCampaigns, int GroupsOfTwoOrMore);
