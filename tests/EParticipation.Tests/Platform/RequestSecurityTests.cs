using System.Net;
using System.Text;
using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.Platform;

/// <summary>
/// Oversized or crafted requests (issue 10, finding 2): a body over the limit answers 413 with the
/// localised page, and the error page's status never comes from the body or the query.
/// </summary>
public sealed class RequestSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string TooLargeAr = "ما أرسلته أكبر مما تقبله البوابة";

    [Fact]
    public async Task FormOf30Megabytes_Gets413WithTheLocalisedPage()
    {
        using var body = new StringContent("Email=a%40example.test&Password=" + new string('x', 31 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");
        await AssertTooLargeAsync(await factory.Browser().PostAsync("/ar/account/login", body));
    }

    [Fact]
    public async Task FieldOf5Megabytes_Gets413()
    {
        using var body = new StringContent("Email=a%40example.test&Password=" + new string('x', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");
        await AssertTooLargeAsync(await factory.Browser().PostAsync("/ar/account/login", body));
    }

    [Fact]
    public async Task FormWith2000Fields_Gets413()
    {
        var fields = string.Join('&', Enumerable.Range(0, 2000).Select(i => $"f{i}=v"));
        using var body = new StringContent(fields, Encoding.ASCII, "application/x-www-form-urlencoded");
        await AssertTooLargeAsync(await factory.Browser().PostAsync("/ar/account/register", body));
    }

    [Fact]
    public async Task UploadOf31Megabytes_Gets413()
    {
        using var body = new MultipartFormDataContent();
        body.Add(new ByteArrayContent(new byte[31 * 1024 * 1024]), "File", "big.pdf");
        await AssertTooLargeAsync(await factory.Browser().PostAsync("/ar/account/login", body));
    }

    [Fact]
    public async Task CodeFieldInTheBody_DoesNotSetTheStatusOfAMissingPage()
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "200" });
        var response = await factory.Browser().PostAsync("/ar/no-such-page", body);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("الصفحة غير موجودة", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ar/no-such-page?code=200")]
    [InlineData("/error/99999")]
    [InlineData("/error/200")]
    [InlineData("/error/0")]
    [InlineData("/error/404?code=200")]
    public async Task UnknownOrCraftedCodes_AnswerNotFound(string path)
    {
        var response = await factory.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ErrorPageVisitedWithACodeInTheBody_KeepsTheCodeOfTheAddress()
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "200" });
        var response = await factory.Browser().PostAsync("/error/429", body);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(TooLargeAr, page.QuerySelector("main h1")!.TextContent, StringComparison.Ordinal);
    }
}
