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

    /// <summary>
    /// A handler for benchmarks: each message's bytes, as received, written to tmp/ and renamed into
    /// new/ (a Maildir delivery), without aiosmtpd's Mailbox handler parsing every message into Python's
    /// email objects and printing it again, and without its fsync of each file on the server's one
    /// thread. Measured alone with MailKit on 4 connections (idle machine): about 1,150 messages a
    /// second and 0.9 ms of the server's CPU each, against 380 a second and 1.5-2.8 ms with the stock
    /// handler, which would make the receiver, not the portal, the limit of a 20,000-email run.
    /// </summary>
    private const string FastHandler = """
        import itertools, os, time

        class FastMaildir:
            def __init__(self, path):
                self.path = path
                for sub in ("tmp", "new", "cur"):
                    os.makedirs(os.path.join(path, sub), exist_ok=True)
                self.sequence = itertools.count()

            async def handle_DATA(self, server, session, envelope):
                name = f"{time.time():.6f}.P{os.getpid()}Q{next(self.sequence)}.bench"
                temporary = os.path.join(self.path, "tmp", name)
                with open(temporary, "wb") as f:
                    f.write(envelope.original_content)
                os.rename(temporary, os.path.join(self.path, "new", name))
                return "250 OK"

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0])
        """;

    private readonly bool _fast;
    private Process? _process;

    /// <param name="fast">The benchmarks' handler (<see cref="FastHandler"/>) instead of aiosmtpd's Mailbox.</param>
    public SmtpReceiver(bool fast = false)
    {
        _fast = fast;
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
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", _fast ? "ep_fast_maildir.FastMaildir" : "aiosmtpd.handlers.Mailbox", Folder },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (_fast)
        {
            var modules = Folder + "-handler";
            Directory.CreateDirectory(modules);
            File.WriteAllText(Path.Combine(modules, "ep_fast_maildir.py"), FastHandler);
            info.Environment["PYTHONPATH"] = modules;
        }
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
        foreach (var folder in new[] { Folder, Folder + "-handler" })
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
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
