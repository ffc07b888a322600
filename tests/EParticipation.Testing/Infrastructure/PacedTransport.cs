using EParticipation.Web.Platform.Notifications;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// The real transport, with a pause before each message: every send still reaches the real SMTP
/// server, only slower than loopback allows, so a test can act while a batch is under way.
/// </summary>
public sealed class PacedTransport(IEmailTransport inner, TimeSpan pause) : IEmailTransport
{
    public IEmailBatch OpenBatch() => new PacedBatch(inner.OpenBatch(), pause);

    private sealed class PacedBatch(IEmailBatch inner, TimeSpan pause) : IEmailBatch
    {
        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(pause, cancellationToken);
            await inner.SendAsync(message, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
