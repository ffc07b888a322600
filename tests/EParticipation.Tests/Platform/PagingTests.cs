using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>A long work queue is counted only up to a limit, and its pager reaches exactly that far.</summary>
public sealed class PagingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CountedUpToALimit_SaysThereAreMore_AndPagesOnlyAsFarAsTheLimit()
    {
        var agencies = await factory.WithDbAsync(db => db.Agencies.CountAsync());
        Assert.True(agencies > 5, "the seeded agencies are enough rows for the test");

        var limited = await factory.WithDbAsync(db => db.Agencies.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToPagedAsync(page: 9, pageSize: 2, countLimit: 5));
        var whole = await factory.WithDbAsync(db => db.Agencies.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToPagedAsync(page: 1, pageSize: 2, countLimit: agencies));

        Assert.True(limited.TotalIsLimit);
        Assert.Equal(5, limited.Total);
        Assert.Equal(3, limited.PageCount);
        // Page 9 is past the limit: the last page within it is shown.
        Assert.Equal(3, limited.Page);
        Assert.Equal(2, limited.Items.Count);
        Assert.False(whole.TotalIsLimit);
        Assert.Equal(agencies, whole.Total);
    }
}
