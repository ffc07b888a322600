// The ideas benchmark (bench/ideas/README.md): 100,000 ideas and 1,000,000 supports, then the ideas
// list sorted by support at 32 connections, a burst of supports (counters equal to rows afterwards),
// and similar-idea suggestions while typing.
//
//   dotnet run -c Release --project bench/ideas -- --connection <npgsql> --ideas 100000 --supports 1000000 --connections 32 --out bench/results

using System.Globalization;
using EParticipation.Bench.Ideas;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
int Number(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
if (!options.TryGetValue("connection", out var connection))
{
    await Console.Error.WriteLineAsync("usage: --connection <npgsql connection string> [--ideas 100000] [--supports 1000000] [--burst 20000] [--requests 3000] [--connections 32] [--out bench/results]");
    return 2;
}
return await IdeasBench.RunAsync(new IdeasBench.Plan(
    connection,
    Number("ideas", 100_000),
    Number("supports", 1_000_000),
    Number("burst", 20_000),
    Number("requests", 3_000),
    Number("connections", 32),
    options.GetValueOrDefault("out", "bench/results"),
    options.GetValueOrDefault("note", "")));
