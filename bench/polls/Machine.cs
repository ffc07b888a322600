using System.Globalization;
using Npgsql;

namespace EParticipation.Bench.Polls;

/// <summary>CPU time of the portal's and PostgreSQL's processes and of the whole machine, from /proc.</summary>
internal static class Machine
{
    /// <summary>utime + stime of a process (all its threads), in clock ticks; with <paramref name="reaped"/> also its waited-for children's.</summary>
    public static long Ticks(int pid, bool reaped = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state is field 3, so utime (14) is index 11.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (reaped)
            {
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            return ticks;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The postmaster's ticks with those of its children (the backends), living and reaped.</summary>
    public static long PostgresTicks(int postmaster)
    {
        var total = Ticks(postmaster, reaped: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                {
                    total += Ticks(pid);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }
        return total;
    }

    /// <summary>(busy, total) ticks of all cores since boot, from /proc/stat.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + cpu[4];
        var total = cpu.Take(8).Sum();
        return (total - idle, total);
    }

    public sealed record Statement(long Calls, double TotalMs, double MeanMs, long Rows, string Query);

    public static async Task<bool> ResetStatementsAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>pg_stat_statements since the last reset: every statement's calls and time, the costliest first.</summary>
    public static async Task<List<Statement>> StatementsAsync(string connectionString)
    {
        var list = new List<Statement>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE calls > 0 AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(new Statement(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetString(4)));
        }
        return list;
    }
}
