using Npgsql;
using NpgsqlTypes;

namespace EParticipation.Bench.Shared;

/// <summary>
/// What the one-process benchmarks (polls, ideas, events) share: percentiles, the machine's load
/// average for the results, seeded GUIDs, and participants written with binary COPY. Compiled into
/// each benchmark (a linked source file), not a library of its own.
/// </summary>
internal static class BenchMachine
{
    /// <summary>The value at or above which the given share of values lie (nearest rank).</summary>
    public static double Percentile(double[] values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>The load averages over 1, 5 and 15 minutes, from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>
    /// CPU time used so far by every PostgreSQL process on the machine (user and system, from
    /// /proc/PID/stat), in milliseconds; 0 where /proc cannot be read. The difference over a measured
    /// phase, divided by its calls, is the database's CPU per call: a figure the other work on a shared
    /// machine moves far less than latencies.
    /// </summary>
    public static double PostgresCpuMs()
    {
        double ticks = 0;
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    if (!int.TryParse(Path.GetFileName(dir), out _) || File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "postgres")
                    {
                        continue;
                    }
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The process ended meanwhile.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        catch (IOException)
        {
            return 0;
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    /// <summary>A version-4 GUID from a seeded generator: the same plan on every run.</summary>
    public static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>
    /// Confirmed citizen accounts with these ids, written with binary COPY (name and email from
    /// <paramref name="namePrefix"/> and <paramref name="emailPrefix"/> and the account's number).
    /// </summary>
    public static async Task CopyUsersAsync(NpgsqlConnection connection, Guid[] users, DateTime now, string namePrefix, string emailPrefix)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "AspNetUsers" ("Id", "FullName", "AccountType", "PreferredLanguage", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") FROM STDIN (FORMAT BINARY)""");
        for (var i = 0; i < users.Length; i++)
        {
            var email = $"{emailPrefix}{i}@bench.portal.test";
            await writer.StartRowAsync();
            await writer.WriteAsync(users[i], NpgsqlDbType.Uuid);
            await writer.WriteAsync(namePrefix + " " + i, NpgsqlDbType.Varchar);
            await writer.WriteAsync("Citizen", NpgsqlDbType.Varchar);
            await writer.WriteAsync("ar", NpgsqlDbType.Varchar);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(email, NpgsqlDbType.Varchar);
            await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(email, NpgsqlDbType.Varchar);
            await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text);
            await writer.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean);
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
    }
}
