using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>
/// The working-day calendar built from the public-holiday table, kept in memory: every case page, the
/// officers' queue and every submission count working days, and the table changes a few times a year.
/// Any write to the table in this instance (an administrator's edit, the seeder, any statement that
/// changes <c>PublicHolidays</c>: <see cref="HolidayChangeInterceptor"/>) makes the kept calendar stale,
/// and the other instances sharing the database are told once it commits
/// (<see cref="CrossInstanceInvalidation"/>, topic "holidays"): the next count reads the table again.
/// </summary>
public sealed class HolidayCalendarCache : IInvalidatable
{
    public const string InvalidationTopic = "holidays";

    private long _version;

    private Entry? _entry;

    string IInvalidatable.Topic => InvalidationTopic;

    void IInvalidatable.Invalidate() => Changed();

    /// <summary>The holidays changed (or may have): the kept calendar is not served again.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    /// <summary>The version to read the table under: a change after this moment refuses what is read.</summary>
    public long Version => Interlocked.Read(ref _version);

    public WorkingDayCalendar? Get() => _entry is { } entry && entry.Version == Version ? entry.Calendar : null;

    /// <summary>Keeps a calendar read under <paramref name="version"/>, unless the table changed since.</summary>
    public void Keep(long version, WorkingDayCalendar calendar)
    {
        if (version == Version)
        {
            _entry = new Entry(version, calendar);
        }
    }

    private sealed record Entry(long Version, WorkingDayCalendar Calendar);
}

/// <summary>
/// Notices statements that write the public-holiday table, whatever sends them (SaveChanges,
/// ExecuteUpdate/Delete, raw SQL): the kept calendar is dropped when the statement runs and again when
/// its transaction commits (a calendar read in between saw the old rows), and the other instances are
/// told after the commit.
/// </summary>
public sealed class HolidayChangeInterceptor(HolidayCalendarCache cache, CrossInstanceInvalidation others) : TableWriteInterceptor(others)
{
    protected override string Topic => HolidayCalendarCache.InvalidationTopic;

    protected override bool IsWatchedWrite(AppDbContext db, string sql) => Writes(sql);

    protected override void Changed() => cache.Changed();

    /// <summary>A statement that names the table and is not only a read of it.</summary>
    internal static bool Writes(string sql) => WritesTable(sql, "PublicHolidays");
}
