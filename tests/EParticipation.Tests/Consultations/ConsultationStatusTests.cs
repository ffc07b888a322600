using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;

namespace EParticipation.Tests.Consultations;

/// <summary>The status rule at the minute edges, read from a TimeProvider as the portal reads it.</summary>
public sealed class ConsultationStatusTests
{
    private static readonly DateTime Publish = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Opens = new(2026, 12, 10, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closes = new(2027, 1, 10, 5, 0, 0, DateTimeKind.Utc);

    private static Consultation Scheduled(DateTime? reportPublishedAt = null)
    {
        var c = new Consultation { ReportPublishedAt = reportPublishedAt };
        c.Schedule(Publish, Opens, Closes);
        return c;
    }

    private static ConsultationStatus StatusWhenClockReads(Consultation c, DateTime moment) =>
        c.StatusAt(new TestClock(new DateTimeOffset(moment)).GetUtcNow().UtcDateTime);

    [Fact]
    public void Status_OneMinuteBeforeOpening_IsPlanned() =>
        Assert.Equal(ConsultationStatus.Planned, StatusWhenClockReads(Scheduled(), Opens.AddMinutes(-1)));

    [Fact]
    public void Status_AtTheOpeningMinute_IsOpen() =>
        Assert.Equal(ConsultationStatus.Open, StatusWhenClockReads(Scheduled(), Opens));

    [Fact]
    public void Status_OneMinuteAfterOpening_IsOpen() =>
        Assert.Equal(ConsultationStatus.Open, StatusWhenClockReads(Scheduled(), Opens.AddMinutes(1)));

    [Fact]
    public void Status_OneMinuteBeforeClosing_IsOpen() =>
        Assert.Equal(ConsultationStatus.Open, StatusWhenClockReads(Scheduled(), Closes.AddMinutes(-1)));

    [Fact]
    public void Status_AtTheClosingMinute_IsClosed() =>
        Assert.Equal(ConsultationStatus.Closed, StatusWhenClockReads(Scheduled(), Closes));

    [Fact]
    public void Status_OneMinuteAfterClosing_IsClosed() =>
        Assert.Equal(ConsultationStatus.Closed, StatusWhenClockReads(Scheduled(), Closes.AddMinutes(1)));

    [Fact]
    public void Status_BeforePublication_IsDraft() =>
        Assert.Equal(ConsultationStatus.Draft, StatusWhenClockReads(Scheduled(), Publish.AddMinutes(-1)));

    [Fact]
    public void Status_WithoutPublicationDate_StaysDraftEvenWhenItsDatesHavePassed()
    {
        var c = new Consultation();
        c.Schedule(null, Opens, Closes);
        Assert.Equal(ConsultationStatus.Draft, c.StatusAt(Closes.AddDays(1)));
    }

    [Fact]
    public void Status_WhenClosedAndTheReportIsPublished_IsArchived() =>
        Assert.Equal(ConsultationStatus.Archived, StatusWhenClockReads(Scheduled(Closes.AddDays(20)), Closes.AddDays(21)));

    [Fact]
    public void Status_WhenTheReportIsScheduledLater_IsClosedUntilThen() =>
        Assert.Equal(ConsultationStatus.Closed, StatusWhenClockReads(Scheduled(Closes.AddDays(20)), Closes.AddDays(19)));

    [Fact]
    public void Participation_IsAcceptedOnlyWhileOpen()
    {
        var c = Scheduled();
        Assert.False(c.AcceptsParticipationAt(Opens.AddMinutes(-1)));
        Assert.True(c.AcceptsParticipationAt(Opens.AddMinutes(1)));
        Assert.True(c.AcceptsParticipationAt(Closes.AddMinutes(-1)));
        Assert.False(c.AcceptsParticipationAt(Closes.AddMinutes(1)));
    }

    [Fact]
    public void DaysRemaining_OnTheLastDay_IsZero_AndNullOnceClosed()
    {
        var c = Scheduled();
        Assert.Equal(0, c.DaysRemainingAt(Closes.AddHours(-5)));
        Assert.Equal(1, c.DaysRemainingAt(Closes.AddHours(-25)));
        Assert.Null(c.DaysRemainingAt(Closes.AddMinutes(1)));
    }

    [Fact]
    public void Schedule_ClosingBeforeOpening_IsRefused()
    {
        var c = new Consultation();
        Assert.Throws<ArgumentException>(() => c.Schedule(Publish, Closes, Opens));
    }

    [Theory]
    [InlineData(-1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void StatusQueries_AgreeWithTheEntityRule(int minutesFromOpening, int open, int planned)
    {
        var c = Scheduled();
        var now = Opens.AddMinutes(minutesFromOpening);
        Assert.Equal(open == 1, Consultation.OpenAt(now).Compile()(c));
        Assert.Equal(planned == 1, Consultation.PlannedAt(now).Compile()(c));
        Assert.False(Consultation.PastAt(now).Compile()(c));
    }
}
