using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Live;

/// <summary>
/// The single-instance bus: subscribers are circuits (and customer status streams) of this process. Publishing only
/// queues: every subscription has its own bounded queue, drained by its own loop, so a customer's "Start video call"
/// returns while the rung sellers' circuits are still re-reading, and a slow circuit holds up nobody but itself.
/// </summary>
public sealed class InProcessLiveEventBus(ILogger<InProcessLiveEventBus> logger) : ILiveEventBus
{
    /// <summary>
    /// How many events may wait for one subscriber while it handles another. Only events that concern it count, and a
    /// healthy circuit handles one in milliseconds, so this is reached only by a circuit that is stuck or far behind (a
    /// burst of some hundred call changes in its scope while it reloads). Then the publisher still does not wait: further
    /// events for that subscriber are dropped and logged, and one <see cref="EventsMissed"/> is queued in their place, so
    /// it works off what it has and then re-reads its view once instead of showing a stale one. Dropping the newest rather
    /// than the oldest keeps the queue a plain first-in-first-out with the marker behind every event it stands for, so the
    /// re-read always comes after the drops it covers.
    /// </summary>
    public const int QueueCapacity = 256;

    private ImmutableList<LiveSubscription> _subscriptions = [];

    public ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions)) subscription.Offer(liveEvent);
        return ValueTask.CompletedTask;
    }

    public IAsyncDisposable Subscribe(Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler)
    {
        var subscription = new LiveSubscription(concerns, handler, QueueCapacity, Unsubscribe, logger);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    private void Unsubscribe(LiveSubscription subscription) => ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));
}
