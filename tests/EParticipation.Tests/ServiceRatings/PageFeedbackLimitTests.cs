using System.Net;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>The per-client limit on page feedback.</summary>
public sealed class PageFeedbackLimitTests(TightFeedbackLimitPortal factory) : IClassFixture<TightFeedbackLimitPortal>
{
    [Fact]
    public async Task ManyAnswersFromOneClient_AreRefusedWith429()
    {
        var client = factory.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= TightFeedbackLimitPortal.PageFeedbackLimit; i++)
        {
            statuses.Add((await client.SubmitAsync("/ar/pages/guidelines", new Dictionary<string, string> { ["Useful"] = "yes" }, actionEndsWith: "/page-feedback")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
