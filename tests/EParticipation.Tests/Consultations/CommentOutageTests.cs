using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// A comment sent while the database goes away: the participant gets the "briefly unavailable" page,
/// which asks them to send the form again, and sending it again stores it once (bench/resilience
/// scenario a: on PostgreSQL the database can go away after committing and before saying so, so a
/// comment can be stored although its answer was 503).
/// </summary>
public sealed class CommentOutageTests
{
    [Fact]
    public async Task CommentAnswered503_SentAgainAfterTheOutage_IsStoredOnce_AndTheAnswerNamesIt()
    {
        var marker = "outage-" + Guid.NewGuid().ToString("N");
        var body = marker + " أقترح توضيح المدد النظامية في المادة الأولى.";
        using var portal = new ConsultationsPortal();
        TcpRelay? relay = null;
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            // The commit reaches PostgreSQL, its answer never reaches the portal.
            var server = new NpgsqlConnectionStringBuilder(portal.Database.ConnectionString);
            relay = new TcpRelay(server.Port);
            server.Port = relay.Port;
            portal.With("Database:ConnectionString", server.ConnectionString);
        }
        else
        {
            portal.With("Database:ConnectionString", new SqliteConnectionStringBuilder(portal.Database.ConnectionString) { DefaultTimeout = 1 }.ConnectionString);
        }
        using var relayed = relay;
        var consultation = await portal.CreateConsultationAsync();
        var (client, _) = await TestAccounts.SignedInAsync(portal);
        var path = $"/ar/consultations/{consultation.Id}";
        var form = (IHtmlFormElement)(await client.PageAsync(path)).QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.EndsWith("/comments", StringComparison.Ordinal));
        var fields = new Dictionary<string, string> { ["NewComment.DisplayName"] = "مشارك", ["NewComment.Body"] = body };

        HttpResponseMessage unavailable;
        if (relay is not null)
        {
            relay.CutAfterCommitOf(Encoding.UTF8.GetBytes(marker));
            unavailable = await client.SubmitAsync(form, path, fields);
            relay.Restore();
        }
        else
        {
            // SQLite held by another writer longer than the portal waits: nothing is stored.
            await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(portal.Database.ConnectionString) { Pooling = false }.ConnectionString);
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE;";
            await command.ExecuteNonQueryAsync();
            unavailable = await client.SubmitAsync(form, path, fields);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        var page = await PortalClient.ParseAsync(unavailable);
        Assert.Contains("فأعد إرساله بعد دقيقة", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // On PostgreSQL the comment was stored although its answer was 503; on SQLite nothing was.
        var before = await portal.WithDbAsync(db => db.ConsultationComments.CountAsync(c => c.Body == body));
        Assert.Equal(relay is null ? 0 : 1, before);

        var again = await client.SubmitAsync(form, path, fields);

        Forms.AssertRedirect(again);
        var stored = await portal.WithDbAsync(db => db.ConsultationComments.AsNoTracking().Where(c => c.Body == body).Select(c => c.Id).ToListAsync());
        Assert.EndsWith($"#my-comment-{Assert.Single(stored)}", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
