using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EParticipation.Tests.Platform;

/// <summary>While the database cannot be reached, a request gets the friendly "briefly unavailable" page with 503 and Retry-After, not an error.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task FormSent_WhileTheDatabaseIsUnreachable_Answers503WithRetryAfterAndTheFriendlyPage()
    {
        using var database = TestDatabase.Create();
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            // PostgreSQL behind a relay that is then cut, as when the server stops.
            var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            var relay = new TcpRelay(server.Port);
            server.Port = relay.Port;
            using var portal = PortalFactory.OnDatabase(database).With("Database:ConnectionString", server.ConnectionString);
            var client = portal.Client();
            await client.PageAsync("/ar/account/register");
            relay.Dispose();

            await AssertUnavailableAsync(await client.SubmitAsync("/ar/account/register", Registration()));
        }
        else
        {
            // SQLite held by another writer longer than the portal waits for it (one second here).
            var file = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = 1 };
            using var portal = PortalFactory.OnDatabase(database).With("Database:ConnectionString", file.ConnectionString);
            var client = portal.Client();
            await client.PageAsync("/ar/account/register");
            await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            await other.OpenAsync();
            await using (var command = other.CreateCommand())
            {
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync();
            }

            await AssertUnavailableAsync(await client.SubmitAsync("/ar/account/register", Registration()));
        }
    }

    [Fact]
    public async Task SignedInVisitor_WhileTheDatabaseIsUnreachable_GetsTheFriendlyPageToo_AndIsStillSignedInAfterwards()
    {
        using var database = TestDatabase.Create();
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            // Every signed-in request first looks its session up in the database; the error page for
            // that failure must not need the database again.
            var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            using var relay = new TcpRelay(server.Port);
            server.Port = relay.Port;
            using var portal = PortalFactory.OnDatabase(database).With("Database:ConnectionString", server.ConnectionString);
            var (client, _) = await TestAccounts.SignedInAsync(portal);
            relay.Cut();

            await AssertUnavailableAsync(await client.GetAsync("/ar/account/sessions"));

            relay.Restore();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ar/account/sessions")).StatusCode);
        }
        else
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = 1 };
            using var portal = PortalFactory.OnDatabase(database).With("Database:ConnectionString", file.ConnectionString);
            var (client, _) = await TestAccounts.SignedInAsync(portal);
            await client.PageAsync("/ar/account/sessions");
            await using (var other = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString))
            {
                await other.OpenAsync();
                await using var command = other.CreateCommand();
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync();

                await AssertUnavailableAsync(await client.SubmitAsync("/ar/account/sessions", new Dictionary<string, string>(), actionEndsWith: "/end-all"));
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ar/account/sessions")).StatusCode);
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("البوابة غير متاحة لحظيًا", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    private static Dictionary<string, string> Registration() => new()
    {
        ["AccountType"] = "Citizen",
        ["FullName"] = "سارة العتيبي",
        ["Email"] = $"outage-{Guid.NewGuid():N}@example.test",
        ["Password"] = "a long enough passphrase 2026",
        ["ConfirmPassword"] = "a long enough passphrase 2026",
        ["AcceptTerms"] = "true",
    };
}
