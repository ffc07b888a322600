using System.Data.Common;
using System.Runtime.CompilerServices;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EParticipation.Web.Platform.Caching;

/// <summary>
/// Tells a cache kept in memory when this instance writes to a table behind it: any statement that
/// <see cref="IsWatchedWrite"/> recognises (SaveChanges, ExecuteUpdate/Delete, raw SQL). The cache is
/// made stale when the statement runs and again when its transaction commits, so nothing read in between
/// is kept. The other instances sharing the database are told (<see cref="CrossInstanceInvalidation"/>,
/// under <see cref="Topic"/>) only once the write is committed: at once for a statement on its own, at
/// the commit otherwise, never after a rollback. Registered as a singleton <see cref="IInterceptor"/>.
/// </summary>
public abstract partial class TableWriteInterceptor(CrossInstanceInvalidation others) : DbCommandInterceptor, IDbTransactionInterceptor
{
    // The contexts whose open transaction has written to a watched table.
    private readonly ConditionalWeakTable<DbContext, object> _written = [];

    /// <summary>The name the writes are announced under to the other instances.</summary>
    protected abstract string Topic { get; }

    /// <summary>Whether <paramref name="sql"/>, run on <paramref name="db"/>, may change a watched table.</summary>
    protected abstract bool IsWatchedWrite(AppDbContext db, string sql);

    /// <summary>Makes what the cache keeps stale in this instance.</summary>
    protected abstract void Changed();

    /// <summary>A statement that names <paramref name="table"/> and is not only a read of it.</summary>
    protected internal static bool WritesTable(string sql, string table)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.IndexOf(table, StringComparison.Ordinal) < 0)
        {
            return false;
        }
        // Whole words: a read of "UpdatedAt" or "DeletedAt" is not a write.
        return !sql.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || WriteKeyword().IsMatch(sql);
    }

    /// <summary>A statement that names <paramref name="table"/> and deletes rows (of it, or, in a batch, of another table).</summary>
    protected internal static bool DeletesFrom(string sql, string table)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.Contains(table, StringComparison.Ordinal) && DeleteKeyword().IsMatch(sql);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:INSERT|UPDATE|DELETE|MERGE)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WriteKeyword();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bDELETE\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DeleteKeyword();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Notice(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Notice(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Notice(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Notice(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Notice(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Notice(command, eventData);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private void Notice(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not AppDbContext db || !IsWatchedWrite(db, command.CommandText))
        {
            return;
        }
        Changed();
        if (command.Transaction is not null)
        {
            _written.AddOrUpdate(db, true);
        }
        else
        {
            // Committed already (a statement on its own): the other instances may be told now.
            others.Publish(Topic);
        }
    }

    private void Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _written.Remove(context))
        {
            Changed();
            others.Publish(Topic);
        }
    }

    private void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _written.Remove(context);
        }
    }
}
