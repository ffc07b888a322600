using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Cases;

/// <summary>The case statistics as open data: JSON and CSV, counts only, small groups left out.</summary>
[ApiController]
[Route("api/v1/cases/stats")]
public sealed class CaseStatsController(CaseStats stats) : ControllerBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        WriteIndented = true,
    };

    [HttpGet("")]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        new ContentResult
        {
            Content = JsonSerializer.Serialize(await stats.ReportAsync(cancellationToken), Json),
            ContentType = "application/json; charset=utf-8",
        };

    /// <summary>One row per agency and month; referrals follow as rows whose agency column is empty.</summary>
    [HttpGet("csv")]
    public async Task<IActionResult> Csv(CancellationToken cancellationToken)
    {
        var report = await stats.ReportAsync(cancellationToken);
        var ends = Enum.GetNames<CaseEndState>();
        var csv = new StringBuilder();
        csv.Append("agency,agency_name_ar,agency_name_en,channel,year,month,suppressed,received,responded,responded_on_time,median_working_days_to_first_response,reopened,referrals");
        foreach (var e in ends)
        {
            csv.Append(",end_").Append(e.ToLowerInvariant());
        }
        csv.Append("\r\n");
        foreach (var r in report.Agencies)
        {
            csv.Append(string.Join(',', Field(r.Agency), Field(r.AgencyNameAr), Field(r.AgencyNameEn), "", Number(r.Year), Number(r.Month), r.Suppressed ? "true" : "false",
                Number(r.Received), Number(r.Responded), Number(r.RespondedOnTime),
                r.MedianWorkingDaysToFirstResponse?.ToString("0.#", CultureInfo.InvariantCulture) ?? "", Number(r.Reopened), ""));
            foreach (var e in ends)
            {
                csv.Append(',').Append(r.EndStates is null ? "" : Number(r.EndStates[e]));
            }
            csv.Append("\r\n");
        }
        foreach (var r in report.Referrals)
        {
            csv.Append(string.Join(',', "", "", "", Field(r.Channel), Number(r.Year), Number(r.Month), r.Suppressed ? "true" : "false", "", "", "", "", "", Number(r.Count)));
            csv.Append(new string(',', ends.Length)).Append("\r\n");
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "case-stats.csv");
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    // Quoted always; a leading formula character is neutralised for spreadsheets.
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
