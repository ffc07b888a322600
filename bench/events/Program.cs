// The events benchmark (bench/events/README.md): people racing through the real registration form for
// the last places of an event, then the check that capacity held and the waitlist is in order.
//
//   bench/events/run.sh [--registrations 1000] [--connections 32] [--left 10]

using System.Globalization;
using EParticipation.Bench.Events;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
int Number(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
return await RegistrationRace.RunAsync(Number("registrations", 1_000), Number("connections", 32), Number("left", 10),
    options.GetValueOrDefault("out", "bench/results"), options.GetValueOrDefault("note", ""));
