using System.Globalization;
using System.Text;
using EParticipation.Web.Areas.ServiceRatings.Models;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>The dashboard's rows as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Arabic). Empty cells where a figure is suppressed.</summary>
public static class DashboardCsv
{
    private static readonly string[] Header =
    [
        "code", "name_ar", "name_en", "ratings", "csat", "csat_lower", "csat_upper", "stars_1", "stars_2", "stars_3", "stars_4", "stars_5",
        "ease_mean", "speed_mean", "clarity_mean", "staff_mean", "cases", "response_rate", "on_time_rate", "on_time_lower", "on_time_upper",
        "median_working_days_to_first_response", "reopened_share", "handling_ratings", "handling_mean",
    ];

    public static byte[] Agencies(IEnumerable<AgencyRow> rows) =>
        Write(rows.Select(r => Row(r.Code, r.Name.Ar, r.Name.En, r.Ratings, r.Cases)));

    public static byte[] Services(IEnumerable<ServiceRow> rows) =>
        Write(rows.Select(r => Row(r.Id.ToString(CultureInfo.InvariantCulture), r.Name.Ar, r.Name.En, r.Ratings, null)));

    /// <summary>One row per national channel, with the code of the agency that runs it; the count is empty (and suppressed true) under the minimum for cases.</summary>
    public static byte[] Referrals(IEnumerable<ReferralFigure> rows) =>
        Write(["channel", "name_ar", "name_en", "referrals", "suppressed", "agency"],
            rows.Select(r => new[] { r.Channel, r.Name.Ar, r.Name.En, r.Count is { } n ? Int(n) : null, r.Suppressed ? "true" : "false", r.Agency }));

    private static IEnumerable<string?> Row(string code, string ar, string en, ServiceFigures f, CaseFigures? c)
    {
        yield return code;
        yield return ar;
        yield return en;
        yield return Int(f.Sample);
        yield return Num(f.Csat?.Share);
        yield return Num(f.Csat?.Lower);
        yield return Num(f.Csat?.Upper);
        for (var i = 0; i < 5; i++)
        {
            yield return f.Distribution is { } d ? Int(d[i]) : null;
        }
        foreach (var d in f.Dimensions)
        {
            yield return Num(d.Mean);
        }
        var cases = c is not null && !c.Suppressed ? c : null;
        yield return c is null ? null : Int(c.Received);
        yield return Num(cases?.ResponseRate?.Share);
        yield return Num(cases?.OnTime?.Share);
        yield return Num(cases?.OnTime?.Lower);
        yield return Num(cases?.OnTime?.Upper);
        yield return Num(cases?.MedianWorkingDaysToFirstResponse);
        yield return Num(cases?.ReopenedShare?.Share);
        yield return c is null ? null : Int(c.HandlingRatings);
        yield return Num(c?.HandlingMean);
    }

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string? Num(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture);

    private static byte[] Write(IEnumerable<IEnumerable<string?>> rows) => Write(Header, rows);

    private static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Escape)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        // A leading =, +, - or @ would make a spreadsheet run it as a formula.
        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
