namespace EParticipation.Web.Platform.Calendar;

/// <summary>
/// A stretch during which a response clock stands still (the case waits for the submitter). The
/// Saudi days after the day it started, up to and including the day it ended, are not counted; an
/// open pause (no end) runs to the moment the count is made for.
/// </summary>
public sealed record ClockPause(DateTime StartedAt, DateTime? EndedAt);
