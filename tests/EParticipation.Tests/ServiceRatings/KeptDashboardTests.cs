using System.Text.Json;
using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>The portal as production runs it: a computed dashboard is kept for 10 seconds.</summary>
public sealed class KeptDashboardPortal : RatingsPortal
{
    public KeptDashboardPortal() => With("ServiceRatings:DashboardSeconds", "10");
}

/// <summary>A kept dashboard: no reader waits for a computation once one is kept, and new ratings show after the interval.</summary>
public sealed class KeptDashboardTests(KeptDashboardPortal factory) : IClassFixture<KeptDashboardPortal>
{
    private async Task<int> SampleAsync(int serviceId)
    {
        using var json = await JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync($"/api/v1/dashboard/services/{serviceId}"));
        return json.RootElement.GetProperty("ratings").GetProperty("sample").GetInt32();
    }

    [Fact]
    public async Task Dashboard_IsKeptForItsInterval_ThenServedAtOnceWhileTheNextComputationRuns_WhichThenShowsTheNewRating()
    {
        var service = await factory.ServiceAsync("saip-design");
        var (first, _) = await TestAccounts.SignedInAsync(factory);
        await RatingsPortal.RateAsync(first, service.Id, RatingsPortal.Rating(5));
        Assert.Equal(1, await SampleAsync(service.Id));

        var (second, _) = await TestAccounts.SignedInAsync(factory);
        await RatingsPortal.RateAsync(second, service.Id, RatingsPortal.Rating(4));
        Assert.Equal(1, await SampleAsync(service.Id));

        // After the interval the first view still gets the kept dashboard, and starts the next computation.
        factory.Clock.Advance(TimeSpan.FromSeconds(11));
        var seen = await SampleAsync(service.Id);
        Assert.Equal(1, seen);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            seen = await SampleAsync(service.Id);
        }
        Assert.Equal(2, seen);
    }
}
