using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>Why a day was not counted as a working day.</summary>
public enum SkipReason
{
    /// <summary>Friday or Saturday, the Saudi weekend.</summary>
    Weekend,

    /// <summary>A day of the administrators' public-holiday table.</summary>
    Holiday,

    /// <summary>A working day on which the clock stood still.</summary>
    Paused,
}

/// <summary>One day left out of a working-day count, and why (the holiday's name when it was one).</summary>
public sealed record SkippedDay(DateOnly Date, SkipReason Reason, LocalizedText? Holiday = null);
