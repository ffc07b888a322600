using System.Diagnostics;
using EParticipation.Web.Platform.Identity;

namespace EParticipation.Bench.Polls;

/// <summary>
/// The burst's sessions, minted in batches while it runs, at most <see cref="VoteBurst.SessionsAhead"/>
/// ahead of the votes: each account votes on a session a few seconds old, as a person who signed in
/// or opened the poll page just before. Its CPU and its COPY into UserSessions run on the same
/// machine during the burst, so they count against the burst's figures, not for them.
/// </summary>
internal sealed class SessionStream(Minter minter, ApplicationUser[] users)
{
    private const int Batch = 1_000;

    private readonly Stopwatch _busy = new();
    private int _ready;
    private int _consumed = -1;
    private Exception? _failure;

    public BrowserSession[] Sessions { get; } = new BrowserSession[users.Length];

    public double MintedPerSecond => users.Length / Math.Max(0.001, _busy.Elapsed.TotalSeconds);

    /// <summary>The burst has taken vote <paramref name="i"/>.</summary>
    public void Consumed(int i)
    {
        int seen;
        while ((seen = Volatile.Read(ref _consumed)) < i && Interlocked.CompareExchange(ref _consumed, i, seen) != seen)
        {
        }
    }

    public Task RunAsync() => Task.Run(async () =>
    {
        try
        {
            for (var from = 0; from < users.Length; from += Batch)
            {
                while (from - Volatile.Read(ref _consumed) > VoteBurst.SessionsAhead)
                {
                    await Task.Delay(2);
                }
                _busy.Start();
                var batch = await minter.MintAsync(users[from..Math.Min(users.Length, from + Batch)]);
                _busy.Stop();
                batch.CopyTo(Sessions, from);
                Volatile.Write(ref _ready, from + batch.Length);
            }
        }
        catch (Exception e)
        {
            _failure = e;
            throw;
        }
    });

    public async ValueTask<BrowserSession> WaitAsync(int i)
    {
        while (Volatile.Read(ref _ready) <= i)
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException("The session minter failed.", _failure);
            }
            await Task.Delay(1);
        }
        return Sessions[i];
    }
}
