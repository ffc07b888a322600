using System.Text;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// Adds new published comments to the counters of the items they belong to (for a consultation
/// comment: its article's and its consultation's), many at a time, for any module whose busy items
/// take many comments at once. The caller says which rows and columns a comment adds to
/// (<see cref="CounterIncrement"/>); the batcher knows nothing of modules.
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
/// or the flush fails (logged), those comments are missing from the counters until the owning
/// module's periodic recount puts them right (Consultations: CounterRecountService, within minutes,
/// and once more after closing): the counters are what pages display, never what a decision is taken
/// on (the review and the summary report count comments themselves).
/// </para>
/// </summary>
public sealed partial class CounterBatcher(IServiceScopeFactory scopes, ILogger<CounterBatcher> logger)
{
    private readonly Lock _gate = new();
    private Batch _next = new();
    private bool _flushing;

    /// <summary>Adds one comment's increments; completes once they are stored.</summary>
    public Task AddAsync(IReadOnlyList<CounterIncrement> increments)
    {
        ArgumentNullException.ThrowIfNull(increments);
        Batch batch;
        bool start;
        lock (_gate)
        {
            _next.Add(increments);
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

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "Could not add {Comments} comments to their counters; they are stored, and the periodic recount puts the counters right")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int comments);

    private sealed class Batch
    {
        // Rows in (table, id) order, so two instances flushing at once take their locks in the same order.
        private readonly SortedDictionary<(string Table, int Id), SortedDictionary<string, int>> _rows = new(RowOrder.Instance);
        private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Comments { get; private set; }

        public bool IsEmpty => Comments == 0;

        public Task Stored => _stored.Task;

        public void Add(IReadOnlyList<CounterIncrement> increments)
        {
            Comments++;
            foreach (var increment in increments)
            {
                if (!_rows.TryGetValue((increment.Table, increment.RowId), out var columns))
                {
                    _rows[(increment.Table, increment.RowId)] = columns = new SortedDictionary<string, int>(StringComparer.Ordinal);
                }
                foreach (var (column, by) in increment.Columns)
                {
                    columns[column] = columns.GetValueOrDefault(column) + by;
                }
            }
        }

        public void Done() => _stored.TrySetResult();

        /// <summary>One batch of increments (one round trip, and on PostgreSQL one transaction), rows in key order.</summary>
        public (string Sql, object[] Parameters) Statements(SqlDialect dialect)
        {
            var sql = new StringBuilder();
            var parameters = new List<object>();
            string P(int value)
            {
                parameters.Add(value);
                return SqlDialect.Placeholder(parameters.Count - 1);
            }
            foreach (var ((table, id), columns) in _rows)
            {
                sql.AppendLine(dialect.Increment(table, columns.Select(c => (c.Key, P(c.Value))).ToList(), P(id)));
            }
            return (sql.ToString(), parameters.ToArray());
        }
    }

    private sealed class RowOrder : IComparer<(string Table, int Id)>
    {
        public static RowOrder Instance { get; } = new();

        public int Compare((string Table, int Id) x, (string Table, int Id) y)
        {
            var byTable = string.CompareOrdinal(x.Table, y.Table);
            return byTable != 0 ? byTable : x.Id.CompareTo(y.Id);
        }
    }
}

/// <summary>
/// What one comment adds to one counter row: the table (a name from code, never from input), the
/// row's id and the amount per counter column.
/// </summary>
public sealed record CounterIncrement(string Table, int RowId, IReadOnlyList<(string Column, int By)> Columns);
