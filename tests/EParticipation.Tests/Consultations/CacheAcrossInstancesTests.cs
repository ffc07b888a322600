using System.Diagnostics;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// Two portal instances on one database, each with a visitors' page cache that keeps a page for five
/// minutes by its own clock: a comment posted through one shows on the other's cached page at once,
/// because the write is announced (PostgreSQL LISTEN/NOTIFY; on SQLite the polled version row that SQL
/// Server uses, since a SQLite file has one host in production).
/// </summary>
public sealed class CacheAcrossInstancesTests
{
    [Fact]
    public async Task CommentPostedThroughOneInstance_ClearsTheOtherInstancesCachedPage()
    {
        using var first = new CachedPortal();
        using var second = CachedPortal.OnSameDatabase(first);
        var consultation = await first.CreateConsultationAsync();
        await first.Services.GetRequiredService<CrossInstanceInvalidation>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await second.Services.GetRequiredService<CrossInstanceInvalidation>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var path = $"/ar/consultations/{consultation.Id}";
        var visitor = second.Client();
        await visitor.PageAsync(path); // now in the second instance's cache

        var body = "تعليق عبر النسخة الأولى " + Guid.NewGuid().ToString("N")[..8];
        var (client, _) = await TestAccounts.SignedInAsync(first);
        Forms.AssertRedirect(await client.SubmitAsync(path, new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "نورة",
            ["NewComment.Body"] = body,
        }, actionEndsWith: "/comments"));
        var posted = Stopwatch.StartNew();

        var deadline = TimeSpan.FromSeconds(TestDatabase.Provider == DatabaseProvider.Postgres ? 3 : 5);
        while (!(await visitor.PageAsync(path)).QuerySelector("main")!.TextContent.Contains(body, StringComparison.Ordinal))
        {
            Assert.True(posted.Elapsed < deadline, $"The second instance still served its cached page {posted.Elapsed.TotalMilliseconds:F0} ms after the comment.");
            await Task.Delay(50);
        }
    }

    /// <summary>A consultations portal whose page cache keeps entries five minutes (the clock does not move).</summary>
    private sealed class CachedPortal : ConsultationsPortal
    {
        public CachedPortal()
        {
            Configure();
        }

        private CachedPortal(TestDatabase database)
            : base(database)
        {
            Configure();
        }

        public static CachedPortal OnSameDatabase(CachedPortal other) => new(other.Database);

        private void Configure()
        {
            With("Consultations:PublicCacheSeconds", "300");
            if (TestDatabase.Provider == DatabaseProvider.Sqlite)
            {
                With("Cache:Invalidation", nameof(InvalidationMode.Polled));
                With("Cache:PollMilliseconds", "200");
            }
        }
    }
}
