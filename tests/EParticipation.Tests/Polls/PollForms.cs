using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.Polls;

internal static class PollForms
{
    /// <summary>Posts straight to an address with a valid antiforgery token taken from <paramref name="pagePath"/>: what a crafted request sends.</summary>
    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, string pagePath, string action, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var page = await client.PageAsync(pagePath);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        values.AddRange(fields ?? []);
        return await client.Http.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
