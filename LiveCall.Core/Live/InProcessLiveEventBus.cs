using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Live;

/// <summary>The single-instance bus: subscribers are circuits of this process.</summary>
public sealed partial class InProcessLiveEventBus(ILogger<InProcessLiveEventBus> logger) : ILiveEventBus
{
    private ImmutableList<Func<LiveEvent, Task>> _handlers = [];

    /// <summary>
    /// Hands the event to every subscriber at once (a slow circuit does not hold up the others) and returns when all
    /// have taken it, so events from one publisher reach each circuit in the order they were published.
    /// </summary>
    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (handlers.Count == 0) return;
        await Task.WhenAll(handlers.Select(handler => DeliverAsync(handler, liveEvent)));
    }

    private async Task DeliverAsync(Func<LiveEvent, Task> handler, LiveEvent liveEvent)
    {
        try
        {
            await handler(liveEvent);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One broken circuit must not keep the others from hearing about the call.
            LogHandlerFailed(logger, e, liveEvent.GetType().Name);
        }
    }

    public IDisposable Subscribe(Func<LiveEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }

    [LoggerMessage(LogLevel.Warning, "A live-event subscriber failed on {EventType}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventType);
}
