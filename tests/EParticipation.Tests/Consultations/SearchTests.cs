using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.Consultations;

/// <summary>The list's search and filters, all carried in the address.</summary>
public sealed class SearchTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task Search_WithoutHamzaAndWithHaForTaaMarbuta_FindsTheFullySpelledTitle()
    {
        var strategy = await factory.CreateConsultationAsync(kind: Web.Areas.Consultations.Domain.ConsultationKind.Strategy, titleAr: "الإستراتيجية الوطنية للتحوّل الرقمي");
        var other = await factory.CreateConsultationAsync(titleAr: "لائحة تنظيم الأسواق الشعبية");

        var page = await factory.Client().PageAsync("/ar/consultations?status=open&q=" + Uri.EscapeDataString("الاستراتيجيه"));

        Assert.NotNull(page.QuerySelector($"main a[href='/ar/consultations/{strategy.Id}']"));
        Assert.Null(page.QuerySelector($"main a[href='/ar/consultations/{other.Id}']"));
        Assert.Equal("الاستراتيجيه", page.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_FromTheForm_LooksAcrossEveryStatus_AndCountsTheMatchesPerTab()
    {
        var word = "تأشيرة" + Guid.NewGuid().ToString("N")[..5];
        var planned = await factory.CreateConsultationAsync(titleAr: $"لائحة {word} الزيارة العائلية", opensIn: TimeSpan.FromDays(10), closesIn: TimeSpan.FromDays(40));

        // The form sends no tab: the first tab with a match opens.
        var page = await factory.Client().PageAsync("/ar/consultations?q=" + Uri.EscapeDataString(word));
        Assert.NotNull(page.QuerySelector($"main a[href='/ar/consultations/{planned.Id}']"));
        var tabs = page.QuerySelectorAll("nav .ep-tabs a").ToList();
        Assert.Contains("(0)", tabs.Single(a => a.GetAttribute("href")!.Contains("status=open", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        var plannedTab = tabs.Single(a => a.GetAttribute("href")!.Contains("status=planned", StringComparison.Ordinal));
        Assert.Equal("page", plannedTab.GetAttribute("aria-current"));
        Assert.Contains("(1)", plannedTab.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[role=search] input[name=status]"));

        // On a tab without matches, the page says where they are.
        var open = await factory.Client().PageAsync("/en/consultations?status=open&q=" + Uri.EscapeDataString(word));
        var elsewhere = open.QuerySelector("#matches-elsewhere")!;
        Assert.Contains("Planned (1 consultation)", elsewhere.TextContent, StringComparison.Ordinal);
        Assert.Contains("status=planned", elsewhere.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_IgnoresDiacriticsTatweelAndAlefMaqsura()
    {
        var consultation = await factory.CreateConsultationAsync(titleAr: "لائحة رعاية كبار السن في المستشفى");

        var page = await factory.Client().PageAsync("/ar/consultations?q=" + Uri.EscapeDataString("المُستشـــفي"));

        Assert.NotNull(page.QuerySelector($"main a[href='/ar/consultations/{consultation.Id}']"));
    }

    [Fact]
    public async Task Filters_ByTargetGroupAgencyAndKind_LiveInTheAddress()
    {
        var women = await factory.CreateConsultationAsync(agency: "moh", kind: Web.Areas.Consultations.Domain.ConsultationKind.Regulation, groups: "women");
        var elderly = await factory.CreateConsultationAsync(agency: "moh", kind: Web.Areas.Consultations.Domain.ConsultationKind.Regulation, groups: "elderly");

        var page = await factory.Client().PageAsync("/en/consultations?status=open&group=women&agency=moh&kind=regulation");

        Assert.NotNull(page.QuerySelector($"main a[href='/en/consultations/{women.Id}']"));
        Assert.Null(page.QuerySelector($"main a[href='/en/consultations/{elderly.Id}']"));
        Assert.NotNull(page.QuerySelector("#group option[value='women'][selected]"));
        // Each tab keeps the filters, so a filtered list can be shared and switched.
        var planned = page.QuerySelectorAll("nav a").Single(a => a.GetAttribute("href")!.Contains("status=planned", StringComparison.Ordinal));
        Assert.Contains("group=women", planned.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagesThroughManyConsultations()
    {
        for (var i = 0; i < 14; i++)
        {
            await factory.CreateConsultationAsync(agency: "mewa", titleAr: $"استشارة الصفحات {i}");
        }

        var first = await factory.Client().PageAsync("/ar/consultations?agency=mewa");
        var second = await factory.Client().PageAsync("/ar/consultations?agency=mewa&page=2");

        Assert.Equal(12, first.QuerySelectorAll("main article.ep-consultation-card").Length);
        Assert.Equal(2, second.QuerySelectorAll("main article.ep-consultation-card").Length);
        Assert.NotNull(first.QuerySelector("a[rel=next][href*='page=2'][href*='agency=mewa']"));
    }

    [Fact]
    public async Task Draft_IsNotListedNorShownToVisitors()
    {
        var draft = await factory.CreateConsultationAsync(published: false, titleAr: "مسودة لم تُنشر بعد");

        var list = await factory.Client().PageAsync("/ar/consultations?q=" + Uri.EscapeDataString("مسودة لم تنشر"));
        var show = await factory.Client().GetAsync($"/ar/consultations/{draft.Id}");

        Assert.Null(list.QuerySelector($"main a[href='/ar/consultations/{draft.Id}']"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, show.StatusCode);
    }
}
