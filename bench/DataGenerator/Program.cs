// The consultations benchmark's helper (bench/README.md); bench/run.sh calls each command in turn.
//
//   generate --connection <npgsql> --out dataset.json [--consultations N --comments N --users N]
//   sessions --base-url http://127.0.0.1:PORT --dataset dataset.json --count 256 --out sessions.tsv --bodies bodies.txt
//   verify   --connection <npgsql> --dataset dataset.json --wrk submit.json --out verify.json
//   report   --work <folder> --out bench/results
// and the cases benchmark's (bench/run.sh --suite cases):
//   cases-generate --connection <npgsql> --out cases-dataset.json [--cases N --users N]
//   cases-sessions --base-url http://127.0.0.1:PORT --dataset cases-dataset.json --count 256 --out sessions.tsv --officer officer.tsv
//   cases-verify   --connection <npgsql> --wrk submit.json --out verify.json
//   cases-overdue  --connection <npgsql> --out overdue.json
//   cases-report   --work <folder> --out bench/results

using System.Globalization;
using EParticipation.Bench.DataGenerator;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

if (args.Length == 0)
{
    await Console.Error.WriteLineAsync("usage: generate | sessions | verify | report (see Program.cs)");
    return 2;
}
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
string Required(string name) => options.TryGetValue(name, out var value)
    ? value
    : throw new ArgumentException($"--{name} is required for {args[0]}.");
int Number(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

return args[0] switch
{
    "generate" => await DatasetGenerator.RunAsync(Required("connection"), Required("out"), new GeneratorSizes(
        Number("consultations", 1_000), Number("comments", 1_000_000), Number("users", 50_000), Number("page-comments", 10_000))),
    "sessions" => await Sessions.RunAsync(new Uri(Required("base-url")), Required("dataset"), Number("count", 256), Required("out"), Required("bodies")),
    "verify" => await SubmissionCheck.RunAsync(Required("connection"), Required("dataset"), Required("wrk"), Required("out")),
    "report" => Report.Run(Required("work"), Required("out")),
    "cases-generate" => await CasesGenerator.RunAsync(Required("connection"), Required("out"), Number("cases", 1_000_000), Number("users", 50_000)),
    "cases-sessions" => await CasesBench.SessionsAsync(new Uri(Required("base-url")), Required("dataset"), Number("count", 256), Required("out"), Required("officer")),
    "cases-verify" => await CasesBench.VerifyAsync(Required("connection"), Required("wrk"), Required("out")),
    "cases-overdue" => await CasesBench.OverdueAsync(Required("connection"), Required("out")),
    "cases-report" => CasesReport.Run(Required("work"), Required("out")),
    _ => 2,
};
