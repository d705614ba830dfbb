using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Live;

/// <summary>
/// One subscriber's queue and the one loop that drains it: the publisher only queues (<see cref="Offer"/>), the loop hands
/// the events to the handler one at a time in the order they came. At most <c>capacity</c> events wait; when the queue is
/// full, further events for this subscriber are dropped and one <see cref="EventsMissed"/> takes their place at the end
/// of the queue, so the subscriber works off what it has and then re-reads once.
/// </summary>
internal sealed partial class LiveSubscription : IAsyncDisposable
{
    /// <summary>Stands in the queue for the events that did not fit; the loop turns it into an <see cref="EventsMissed"/>.</summary>
    private static readonly LiveEvent MissedMarker = new EventsMissed(0);
    /// <summary>The subscription whose handler is running on this flow (a handler disposing its own subscription must not wait for itself).</summary>
    private static readonly AsyncLocal<LiveSubscription?> Handling = new();

    private readonly Func<LiveEvent, bool> _concerns;
    private readonly Func<LiveEvent, CancellationToken, Task> _handler;
    private readonly int _capacity;
    private readonly Action<LiveSubscription> _unsubscribe;
    private readonly ILogger _logger;
    private readonly string _subscriber;
    private readonly Channel<LiveEvent> _queue = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _queued;
    private int _dropped;
    private int _markerQueued;
    private int _disposed;

    public LiveSubscription(IReadOnlyCollection<LiveTopic> topics, Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler, int capacity,
        Action<LiveSubscription> unsubscribe, ILogger logger)
    {
        Topics = [.. topics];
        _concerns = concerns;
        _handler = handler;
        _capacity = capacity;
        _unsubscribe = unsubscribe;
        _logger = logger;
        _subscriber = SubscriberName(handler);
        _loop = RunAsync();
    }

    public IReadOnlyList<LiveTopic> Topics { get; }

    /// <summary>On the publisher's call: queues the event if it concerns the subscriber. Never waits.</summary>
    public void Offer(LiveEvent liveEvent)
    {
        try
        {
            if (!_concerns(liveEvent)) return;
        }
        catch (Exception e)
        {
            LogConcernsFailed(_logger, e, _subscriber, liveEvent.GetType().Name);
            return;
        }
        if (Interlocked.Increment(ref _queued) <= _capacity)
        {
            _queue.Writer.TryWrite(liveEvent); // false only once disposed
            return;
        }
        Interlocked.Decrement(ref _queued);
        Interlocked.Increment(ref _dropped); // counted before the marker is queued, so the loop never takes a marker too early
        if (Interlocked.Exchange(ref _markerQueued, 1) == 0)
        {
            LogQueueFull(_logger, _subscriber, _capacity, liveEvent.GetType().Name);
            _queue.Writer.TryWrite(MissedMarker);
        }
    }

    private async Task RunAsync()
    {
        Handling.Value = this;
        var reader = _queue.Reader;
        try
        {
            // ConfigureAwait(false): the loop belongs to no circuit; a component's handler goes to its own with InvokeAsync.
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (!_stop.IsCancellationRequested && reader.TryRead(out var next))
                {
                    if (Take(next) is { } liveEvent) await HandleAsync(liveEvent).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while waiting for the next event.
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private LiveEvent? Take(LiveEvent next)
    {
        if (!ReferenceEquals(next, MissedMarker))
        {
            Interlocked.Decrement(ref _queued);
            return next;
        }
        Interlocked.Exchange(ref _markerQueued, 0); // before reading the count: a drop from now on queues a new marker
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped == 0) return null; // an earlier marker already covered them
        LogResync(_logger, _subscriber, dropped);
        return new EventsMissed(dropped);
    }

    private async Task HandleAsync(LiveEvent liveEvent)
    {
        try
        {
            await _handler(liveEvent, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_stop.IsCancellationRequested)
        {
            LogFailedWhileStopping(_logger, e, _subscriber, liveEvent.GetType().Name);
        }
        catch (Exception e)
        {
            // One broken subscriber must not keep the others, or its own next events, from being delivered.
            LogHandlerFailed(_logger, e, _subscriber, liveEvent.GetType().Name);
        }
    }

    /// <summary>Stops delivery: nothing more is queued, the event in hand sees its token cancelled, and this returns when the loop has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            _stop.Cancel(); // before completing the queue: the loop disposes the token source when it ends
            _queue.Writer.TryComplete();
        }
        if (Handling.Value == this) return; // from inside its own handler: the loop ends as soon as the handler returns
        await _loop.ConfigureAwait(false);
    }

    /// <summary>The type that subscribed (a lambda's closure belongs to it), for the logs: "DashboardPage", "RingToastList".</summary>
    private static string SubscriberName(Delegate handler)
    {
        var type = handler.Method.DeclaringType;
        while (type is { DeclaringType: not null } && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)) type = type.DeclaringType;
        return type?.Name ?? "unknown";
    }

    [LoggerMessage(LogLevel.Warning, "The live-event subscriber {Subscriber} failed on {EventType}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string subscriber, string eventType);

    [LoggerMessage(LogLevel.Debug, "The live-event subscriber {Subscriber} failed on {EventType} while it was being disposed")]
    private static partial void LogFailedWhileStopping(ILogger logger, Exception exception, string subscriber, string eventType);

    [LoggerMessage(LogLevel.Warning, "The live-event subscriber {Subscriber} could not tell whether {EventType} concerns it; it does not get it")]
    private static partial void LogConcernsFailed(ILogger logger, Exception exception, string subscriber, string eventType);

    [LoggerMessage(LogLevel.Warning, "The live-event subscriber {Subscriber} is {Capacity} events behind: {EventType}, and whatever else does not fit until it catches up, is dropped; then it re-reads")]
    private static partial void LogQueueFull(ILogger logger, string subscriber, int capacity, string eventType);

    [LoggerMessage(LogLevel.Information, "The live-event subscriber {Subscriber} caught up after {Dropped} dropped events and re-reads")]
    private static partial void LogResync(ILogger logger, string subscriber, int dropped);
}
