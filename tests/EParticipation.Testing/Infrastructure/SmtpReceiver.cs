using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd on a free loopback port, writing each
/// message it accepts into a Maildir. Tests stop and restart it to play a mail server outage.
/// Not starting is a failure (the test command installs the package).
/// </summary>
public sealed class SmtpReceiver : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    public SmtpReceiver()
    {
        // aiosmtpd makes the Maildir (with its tmp/new/cur) only when the folder does not exist yet.
        Folder = Path.Combine(Path.GetTempPath(), "ep-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string Folder { get; }

    /// <summary>The messages received so far (Maildir "new").</summary>
    public Mailbox Mailbox => new(Path.Combine(Folder, "new"));

    public bool IsRunning => _process is { HasExited: false };

    public void Start()
    {
        if (IsRunning)
        {
            return;
        }
        var info = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Folder },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()}");
            }
            if (Accepts())
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"aiosmtpd did not listen on port {Port}.");
    }

    public void Stop()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
        // The port must really be closed before the test goes on.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Accepts() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>Settings that point the portal at this receiver, without TLS (loopback only).</summary>
    public IEnumerable<KeyValuePair<string, string?>> PortalSettings() =>
    [
        new("Email:Delivery", "Smtp"),
        new("Email:Smtp:Host", "127.0.0.1"),
        new("Email:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Email:Smtp:UseStartTls", "false"),
        new("Email:Smtp:TimeoutSeconds", "10"),
    ];

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
