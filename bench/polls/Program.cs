// The polls benchmark (bench/polls/README.md): against the portal started as in production, a burst
// of votes on one poll over HTTP at 32 connections, each from its own signed-in account, then the
// check that every acknowledged vote is counted exactly once and the results equal the rows.
// bench/polls/run.sh starts PostgreSQL and the portal and passes these options.

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
if (!options.TryGetValue("connection", out var connection) || !options.TryGetValue("base-url", out var baseUrl)
    || !options.TryGetValue("certificate", out var certificate))
{
    await Console.Error.WriteLineAsync("usage: --connection <npgsql> --base-url http://127.0.0.1:PORT --certificate <pfx> --certificate-password <pw> --portal-pid <pid> [--postmaster <pid>] [--votes 200000] [--connections 32] [--out bench/results]");
    return 2;
}
return await VoteBurst.RunAsync(new BenchOptions(
    Connection: connection,
    BaseUrl: baseUrl,
    Votes: Number("votes", 200_000),
    Connections: Number("connections", 32),
    OutFolder: options.GetValueOrDefault("out", "bench/results"),
    Note: options.GetValueOrDefault("note", ""),
    CertificatePath: certificate,
    CertificatePassword: options.GetValueOrDefault("certificate-password", ""),
    PortalPid: Number("portal-pid", 0),
    Postmaster: Number("postmaster", 0),
    ClockTicks: Number("clk-tck", 100),
    PortalSettings: options.GetValueOrDefault("portal-settings", ""),
    BurstStartedFile: options.GetValueOrDefault("burst-started-file", "")));
