using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server: counts the connections a client opens and can
/// drop them all at once, as a server does when it closes idle connections or restarts.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private int _connections;
    private volatile bool _refusing;
    private byte[]? _commitOf;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>How many connections clients have opened through the relay so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Closes every relayed connection, both sides.</summary>
    public void DropAll()
    {
        foreach (var client in _open.Keys)
        {
            Close(client);
        }
    }

    /// <summary>
    /// Drops every connection and closes each new one at once, as a stopped server does (for the
    /// client, a server that went away), until <see cref="Restore"/>.
    /// </summary>
    public void Cut()
    {
        _refusing = true;
        DropAll();
    }

    /// <summary>
    /// On the connection that next sends <paramref name="pattern"/> (a value the client writes), lets
    /// the commit of that write reach the server (its COMMIT, or the end of its batch when the batch is
    /// its own transaction), then cuts (as <see cref="Cut"/>) before the server's answer reaches the
    /// client: a database that goes away between committing and saying so, so the client cannot know
    /// that its transaction was stored. PostgreSQL's wire protocol only.
    /// </summary>
    public void CutAfterCommitOf(byte[] pattern) => _commitOf = pattern;

    /// <summary>Relays new connections again, as a server that came back.</summary>
    public void Restore() => _refusing = false;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            if (_refusing)
            {
                Close(inbound);
                continue;
            }
            Interlocked.Increment(ref _connections);
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort);
            }
            catch (SocketException)
            {
                Close(inbound);
                Close(outbound);
                continue;
            }
            _open[inbound] = 0;
            _open[outbound] = 0;
            var pair = new Pair();
            _ = WatchedPumpAsync(inbound, outbound, pair);
            _ = PumpAsync(outbound, inbound, pair);
        }
    }

    private sealed class Pair
    {
        public bool SawPattern;

        /// <summary>An explicit transaction is open on the connection (its COMMIT comes later).</summary>
        public bool Begun;

        /// <summary>The COMMIT went through: nothing more reaches the client.</summary>
        public volatile bool Swallow;
    }

    // Client to server, watching for CutAfterCommitOf's pattern and the COMMIT after it.
    private async Task WatchedPumpAsync(TcpClient from, TcpClient to, Pair pair)
    {
        var buffer = new byte[65536];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                var hasCommit = chunk.IndexOf("COMMIT"u8) >= 0;
                if (chunk.IndexOf("BEGIN"u8) >= 0)
                {
                    pair.Begun = true;
                }
                if (_commitOf is { } pattern && !pair.SawPattern && chunk.IndexOf(pattern) >= 0)
                {
                    pair.SawPattern = true;
                }
                // A batch ends with Sync ('S', length 4); outside an explicit transaction it commits there.
                var batchCommits = !pair.Begun && chunk.EndsWith((ReadOnlySpan<byte>)[(byte)'S', 0, 0, 0, 4]);
                var commit = pair.SawPattern && (hasCommit || batchCommits);
                if (hasCommit && !pair.SawPattern)
                {
                    pair.Begun = false;
                }
                if (commit)
                {
                    _commitOf = null;
                    pair.Swallow = true;
                }
                await target.WriteAsync(buffer.AsMemory(0, read));
                if (commit)
                {
                    // Long enough for the server to commit; its answer is never relayed.
                    await Task.Delay(500);
                    Cut();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The other side or DropAll closed the connection.
        }
        finally
        {
            Close(from);
            Close(to);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, Pair pair)
    {
        var buffer = new byte[65536];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                if (pair.Swallow)
                {
                    continue;
                }
                await target.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The other side or DropAll closed the connection.
        }
        finally
        {
            Close(from);
            Close(to);
        }
    }

    private void Close(TcpClient client)
    {
        _open.TryRemove(client, out _);
        client.Dispose();
    }
}
