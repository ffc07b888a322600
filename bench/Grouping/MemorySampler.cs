namespace EParticipation.Bench.Grouping;

/// <summary>
/// Samples the managed heap every 10 ms while it is running, so the report can tell the grouping's own
/// memory from the process's peak working set (which includes generating the comments). Only the managed
/// heap: reading the working set from /proc that often slowed the grouping it was measuring.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public MemorySampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakManagedHeap { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stop)
        {
            PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
            Thread.Sleep(10);
        }
    }
}
