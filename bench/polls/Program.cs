// The polls benchmark (bench/polls/README.md): a burst of votes on one poll at 32 connections, then
// the check that every acknowledged vote is counted exactly once and the results equal the rows.
//
//   dotnet run -c Release --project bench/polls -- --connection <npgsql> --votes 200000 --connections 32 --out bench/results

using System.Globalization;
using EParticipation.Bench.Polls;

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
    await Console.Error.WriteLineAsync("usage: --connection <npgsql connection string> [--votes 200000] [--connections 32] [--out bench/results]");
    return 2;
}
return await VoteBurst.RunAsync(connection, Number("votes", 200_000), Number("connections", 32), options.GetValueOrDefault("out", "bench/results"),
    options.GetValueOrDefault("note", ""));
