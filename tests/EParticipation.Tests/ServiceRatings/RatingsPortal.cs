using EParticipation.Tests.Cases;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.ServiceRatings.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>The portal with the test clock, a tight limit on page feedback, and short ways to a service.</summary>
public class RatingsPortal : CasesPortal
{
    public RatingsPortal()
    {
        // The dashboard (and its case figures) are computed on each view, so a test sees the rating or case it just made.
        With("ServiceRatings:CaseFiguresSeconds", "0");
        With("ServiceRatings:DashboardSeconds", "0");
    }


    public Task<GovernmentService> ServiceAsync(string code) =>
        WithDbAsync(db => db.GovernmentServices.AsNoTracking().SingleAsync(s => s.Code == code));

    public static Dictionary<string, string> Rating(int overall, string channel = "Online", string? suggestion = null, string? comment = null, int? ease = null) => new()
    {
        ["Input.Overall"] = overall.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Ease"] = ease?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Input.Channel"] = channel,
        ["Input.Comment"] = comment ?? "",
        ["Input.Suggestion"] = suggestion ?? "",
    };

    /// <summary>
    /// Sends the rating form as a browser does: an accepted rating answers 303 See Other to its
    /// thank-you page, which is then fetched (its answer is returned); a refused one is returned as it is.
    /// </summary>
    public static async Task<HttpResponseMessage> RateAsync(PortalClient client, int serviceId, Dictionary<string, string> fields, string lang = "ar")
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.SubmitAsync($"/{lang}/services/{serviceId}/rate", fields, actionEndsWith: $"/services/{serviceId}/rate");
        if (response.StatusCode != System.Net.HttpStatusCode.SeeOther)
        {
            return response;
        }
        Assert.Equal($"/{lang}/services/{serviceId}/rated", response.Headers.Location?.OriginalString);
        return await client.FollowAsync(response);
    }
}
