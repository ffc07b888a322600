using System.Diagnostics.Metrics;
using EParticipation.Web.Areas.Consultations.Services;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>How many pages this portal (and no other test's) served from a kept copy.</summary>
internal sealed class CopiesServed : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public CopiesServed(ConsultationsPortal portal)
    {
        var factory = portal.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == PublicPageCache.CopiesServed)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
