using System.Text;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Adds new published comments to their article's and consultation's counters, many at a time.
/// <para>
/// Every comment on a consultation increments the same consultation row, and a row is locked until
/// the statement that changed it is durable (one WAL flush, about 0.3–2 ms on the benchmark machine).
/// One increment per comment therefore caps a busy consultation at a few hundred comments a second
/// however fast the rest is (bench/README.md). Instead, each comment waits for the next flush, and a
/// flush adds up everything that arrived while the previous one ran, in one statement batch: the
/// same idea as the database's own group commit. When the portal is quiet a flush carries one comment
/// and starts at once.
/// </para>
/// <para>
/// The comment is stored first, by its own SaveChanges; the counters follow when the request awaits
/// <see cref="AddAsync"/>, so the page it redirects to counts it. If the process stops between the two,
/// or the flush fails (logged), those comments are missing from the counters until
/// <see cref="CounterRecountService"/> recounts them (within minutes, and once more after closing): the counters are what pages display, never what a decision is taken on (the review
/// and the summary report count comments themselves).
/// </para>
/// </summary>
public sealed partial class CommentCountBatcher(IServiceScopeFactory scopes, ILogger<CommentCountBatcher> logger)
{
    private readonly Lock _gate = new();
    private Batch _next = new();
    private bool _flushing;

    /// <summary>One more published comment on the article (or, when null, on the whole draft); completes once stored.</summary>
    public Task AddAsync(int consultationId, int? articleId)
    {
        Batch batch;
        bool start;
        lock (_gate)
        {
            _next.Add(consultationId, articleId);
            batch = _next;
            start = !_flushing;
            _flushing = true;
        }
        if (start)
        {
            _ = FlushAsync();
        }
        return batch.Stored;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            Batch batch;
            lock (_gate)
            {
                batch = _next;
                if (batch.IsEmpty)
                {
                    _flushing = false;
                    return;
                }
                _next = new Batch();
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var (sql, parameters) = batch.Statements(db.Dialect);
                await db.Database.ExecuteSqlRawAsync(sql, parameters);
            }
#pragma warning disable CA1031 // Whatever went wrong, the waiting requests are released and the next batch is tried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFlushFailed(logger, ex, batch.Comments);
            }
            batch.Done();
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Could not add {Comments} comments to their consultation counters; they are stored, and the periodic recount puts the counters right")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int comments);

    private sealed class Batch
    {
        private readonly SortedDictionary<int, int> _articles = [];
        private readonly SortedDictionary<int, (int All, int General)> _consultations = [];
        private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Comments { get; private set; }

        public bool IsEmpty => Comments == 0;

        public Task Stored => _stored.Task;

        public void Add(int consultationId, int? articleId)
        {
            Comments++;
            var (all, general) = _consultations.GetValueOrDefault(consultationId);
            _consultations[consultationId] = (all + 1, general + (articleId is null ? 1 : 0));
            if (articleId is { } article)
            {
                _articles[article] = _articles.GetValueOrDefault(article) + 1;
            }
        }

        public void Done() => _stored.TrySetResult();

        /// <summary>
        /// One batch of increments (one round trip, and on PostgreSQL one transaction), rows in key
        /// order so two instances flushing at once cannot deadlock.
        /// </summary>
        public (string Sql, object[] Parameters) Statements(SqlDialect dialect)
        {
            var sql = new StringBuilder();
            var parameters = new List<object>();
            string P(int value)
            {
                parameters.Add(value);
                return SqlDialect.Placeholder(parameters.Count - 1);
            }
            foreach (var (article, added) in _articles)
            {
                sql.AppendLine(dialect.Increment("ConsultationArticles", [("CommentCount", P(added))], P(article)));
            }
            foreach (var (consultation, (all, general)) in _consultations)
            {
                sql.AppendLine(dialect.Increment("Consultations", [("CommentCount", P(all)), ("GeneralCommentCount", P(general))], P(consultation)));
            }
            return (sql.ToString(), parameters.ToArray());
        }
    }
}
