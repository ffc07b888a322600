using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EParticipation.Bench.DataGenerator;

/// <summary>
/// PostgreSQL's plans of every statement one request sends (run.sh turns auto_explain on with
/// ANALYZE and BUFFERS for a single request to each page): how many statements a page costs, their
/// time inside the server, and the shared buffers each read (hit + read, the top node's, which counts
/// its children's).
/// </summary>
internal static partial class Plans
{
    public static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["page-nocache"] = "Consultation page, visitor, cache off",
        ["page-signed-in-nocache"] = "Consultation page, signed-in participant, cache off",
        ["list-nocache"] = "Consultations list, cache off",
        ["cached-page"] = "Consultation page, visitor, cache on (after the submissions: the entry was cleared by them, then kept)",
    };

    internal sealed record Statement(double Ms, long Buffers, string Query, string Plan);

    public static List<Statement> Read(string work, string key)
    {
        var file = Path.Combine(work, key + ".explain.txt");
        var statements = new List<Statement>();
        if (!File.Exists(file))
        {
            return statements;
        }
        double? ms = null;
        var plan = new StringBuilder();
        void Flush()
        {
            if (ms is { } duration)
            {
                // Query Text: the statement (EF's span several lines), then the plan from its first node.
                var lines = plan.ToString().Split('\n');
                var first = Array.FindIndex(lines, l => l.Contains("(cost=", StringComparison.Ordinal));
                var query = string.Join(' ', lines.Take(first < 0 ? lines.Length : first)).Replace("Query Text:", "", StringComparison.Ordinal).Trim();
                var body = first < 0 ? "" : string.Join('\n', lines.Skip(first)).TrimEnd();
                var buffers = BuffersLine().Match(body) is { Success: true } b ? Count(b.Value, "hit") + Count(b.Value, "read") : 0;
                // Not the page's: run.sh's own pg_reload_conf(), and the outbox dispatcher's poll that
                // may land in the same second.
                if (query.Length > 0 && !query.Contains("pg_reload_conf", StringComparison.Ordinal) && !query.Contains("\"OutboxMessages\"", StringComparison.Ordinal))
                {
                    statements.Add(new Statement(duration, buffers, query, body));
                }
            }
            ms = null;
            plan.Clear();
        }
        foreach (var line in File.ReadLines(file))
        {
            var head = Head().Match(line);
            if (head.Success)
            {
                Flush();
                ms = double.Parse(head.Groups[1].Value, CultureInfo.InvariantCulture);
                continue;
            }
            if (ms is not null && (line.StartsWith('\t') || line.StartsWith(' ')))
            {
                plan.AppendLine(line.TrimStart('\t'));
            }
            else if (ms is not null && !line.Contains("LOG:", StringComparison.Ordinal))
            {
                plan.AppendLine(line);
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return statements;
    }

    public static void Markdown(StringBuilder md, string work)
    {
        var found = Keys.Select(k => (k.Key, k.Value, Statements: Read(work, k.Key))).Where(p => p.Statements.Count > 0).ToList();
        if (found.Count == 0)
        {
            return;
        }
        md.AppendLine("## Plans: every statement of one request (EXPLAIN (ANALYZE, BUFFERS))");
        md.AppendLine();
        md.AppendLine("auto_explain with `log_analyze` and `log_buffers` on for a single request to each page, on the idle portal after its scenario (so the times are of one request alone, not under load). Buffers are the shared buffers the statement's top node touched (hit + read), which include its children's.");
        md.AppendLine();
        foreach (var (_, name, statements) in found)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"{name}: {statements.Count} statements, {statements.Sum(s => s.Ms):0.00} ms inside PostgreSQL, {statements.Sum(s => s.Buffers):N0} buffers.");
            md.AppendLine();
            md.AppendLine("| ms | buffers | statement |");
            md.AppendLine("| ---: | ---: | --- |");
            foreach (var s in statements)
            {
                var query = Regex.Replace(s.Query, @"\s+", " ").Replace("|", "\\|", StringComparison.Ordinal);
                md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Ms:0.000} | {s.Buffers:N0} | `{(query.Length > 160 ? query[..160] + "…" : query)}` |");
            }
            md.AppendLine();
        }
        // The page's newest comments: the statement that reads the comments table for the visitor's page.
        var page = found.FirstOrDefault(p => p.Key == "page-nocache").Statements?
            .Where(s => s.Query.Contains("\"ConsultationComments\"", StringComparison.Ordinal))
            .OrderByDescending(s => s.Buffers)
            .FirstOrDefault();
        if (page is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"The newest comments of each article and of the whole draft ({page.Buffers:N0} buffers, {page.Ms:0.000} ms):");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(page.Plan);
            md.AppendLine("```");
            md.AppendLine();
        }
    }

    private static long Count(string line, string kind) =>
        Regex.Match(line, kind + @"=(\d+)") is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"LOG:\s+duration: ([0-9.]+) ms\s+plan:")]
    private static partial Regex Head();

    [GeneratedRegex(@"Buffers: shared[^\n]*")]
    private static partial Regex BuffersLine();
}
