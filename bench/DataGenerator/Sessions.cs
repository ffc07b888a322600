using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EParticipation.Bench.DataGenerator;

/// <summary>
/// Signs generated participants in over HTTP, the way a browser does (the sign-in form with its
/// antiforgery token), then opens the comment form of the submission consultation to get the token
/// that form posts. Writes one line per participant: the Cookie header, a tab, the form's token. The
/// load script rotates among them, so each request is a real signed-in post with a valid token pair.
/// </summary>
internal static partial class Sessions
{
    public static async Task<int> RunAsync(Uri baseUrl, string datasetFile, int count, string outFile, string bodiesFile)
    {
        var dataset = JsonSerializer.Deserialize<Dataset>(await File.ReadAllTextAsync(datasetFile), Json.Options)
            ?? throw new InvalidOperationException("dataset.json is empty.");
        var lines = new string[count];
        // The last participants of the generated population, a few at a time.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var email = string.Format(dataset.UserEmailFormat, dataset.Users - 1 - i);
            lines[i] = await SignInAsync(baseUrl, email, dataset.Password, $"/ar/consultations/{dataset.SubmitConsultationId}/comment", cancellationToken);
        });
        await File.WriteAllLinesAsync(outFile, lines);
        // What the participants write: the generator's comments, one per line, drawn once.
        var text = new TextGenerator(1);
        await File.WriteAllLinesAsync(bodiesFile, Enumerable.Range(0, 500).Select(_ => text.Comment()));
        Console.WriteLine($"signed in {count} participants; sessions in {outFile}");
        return 0;
    }

    /// <summary>Signs one account in through the sign-in form and opens <paramref name="formPath"/>: "Cookie header TAB that page's antiforgery token".</summary>
    internal static async Task<string> SignInAsync(Uri baseUrl, string email, string password, string formPath, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl };

        var login = await http.GetStringAsync(new Uri("/ar/account/login", UriKind.Relative), cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(login),
            ["Email"] = email,
            ["Password"] = password,
        });
        using var signedIn = await http.PostAsync(new Uri("/ar/account/login", UriKind.Relative), form, cancellationToken);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString.Contains("login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"{email} could not sign in: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        }

        using var page = await http.GetAsync(new Uri(formPath, UriKind.Relative), cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{email} could not open {formPath}: {(int)page.StatusCode}");
        }
        var token = Token(await page.Content.ReadAsStringAsync(cancellationToken));
        var header = new StringBuilder();
        foreach (Cookie cookie in cookies.GetCookies(baseUrl))
        {
            header.Append(header.Length == 0 ? "" : "; ").Append(cookie.Name).Append('=').Append(cookie.Value);
        }
        return header + "\t" + token;
    }

    private static string Token(string html)
    {
        var match = TokenInput().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
