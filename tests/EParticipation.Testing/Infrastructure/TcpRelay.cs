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
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
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
