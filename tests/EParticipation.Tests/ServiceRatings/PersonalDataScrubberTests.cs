using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Platform.Text;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>Personal data typed into feedback boxes is removed before it is stored; the rest stays as typed.</summary>
public sealed class PersonalDataScrubberTests
{
    [Theory]
    [InlineData("رقم هويتي ١٠٢٣٤٥٦٧٨٩ ولم يصلني رد", "رقم هويتي […] ولم يصلني رد")]
    [InlineData("iqama 2123456789, please", "iqama […], please")]
    [InlineData("اتصلوا على +966 55 123 4567 مساءً", "اتصلوا على […] مساءً")]
    [InlineData("جوالي ٠٥٥١٢٣٤٥٦٧", "جوالي […]")]
    [InlineData("call 0551234567 now", "call […] now")]
    [InlineData("IBAN SA03 8000 0000 6080 1016 7519 for the refund", "IBAN […] for the refund")]
    [InlineData("بريدي name.surname@example.com.sa شكرًا", "بريدي […] شكرًا")]
    public void Scrub_RemovesPersonalData(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text).Text);

    [Theory]
    [InlineData("الصفحة تذكر 10 أيام عمل ورسوم 300 ريال لعام 2026")]
    [InlineData("The form asks for 3 documents.")]
    public void Scrub_LeavesOrdinaryNumbersAlone(string text) =>
        Assert.Equal(text, PersonalDataScrubber.Scrub(text).Text);

    [Fact]
    public void Scrub_CountsEachRemoval() =>
        Assert.Equal(2, PersonalDataScrubber.Scrub("1023456789 و a@b.co").Removed);

    [Theory]
    [InlineData(8, 10, 0.490, 0.943)]
    [InlineData(0, 10, 0.000, 0.278)]
    [InlineData(10, 10, 0.722, 1.000)]
    [InlineData(50, 100, 0.404, 0.596)]
    public void Wilson_MatchesPublishedBounds(int successes, int total, double lower, double upper)
    {
        var w = WilsonInterval.Of(successes, total);
        Assert.Equal(lower, w.Lower, 3);
        Assert.Equal(upper, w.Upper, 3);
    }
}
