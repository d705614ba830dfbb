using System.Collections.Concurrent;
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

    /// <summary>Every subscription, for the rare event for everyone.</summary>
    private ImmutableHashSet<LiveSubscription> _subscriptions = [];
    /// <summary>The subscriptions of each topic: publishing costs the subscribers an event is about, not every circuit of the process.</summary>
    private readonly ConcurrentDictionary<LiveTopic, ImmutableArray<LiveSubscription>> _byTopic = new();

    public ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken)
    {
        if (liveEvent.IsForEveryone)
        {
            foreach (var subscription in Volatile.Read(ref _subscriptions)) subscription.Offer(liveEvent);
            return ValueTask.CompletedTask;
        }
        foreach (var topic in liveEvent.Topics)
        {
            if (!_byTopic.TryGetValue(topic, out var subscribers)) continue;
            foreach (var subscription in subscribers) subscription.Offer(liveEvent);
        }
        return ValueTask.CompletedTask;
    }

    public IAsyncDisposable Subscribe(IReadOnlyCollection<LiveTopic> topics, Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler)
    {
        ArgumentOutOfRangeException.ThrowIfZero(topics.Count);
        var subscription = new LiveSubscription(topics, concerns, handler, QueueCapacity, Unsubscribe, logger);
        ImmutableInterlocked.Update(ref _subscriptions, set => set.Add(subscription));
        foreach (var topic in topics)
            _byTopic.AddOrUpdate(topic, static (_, s) => [s], static (_, list, s) => list.Add(s), subscription);
        return subscription;
    }

    public IAsyncDisposable Subscribe(Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler) => Subscribe([LiveTopic.All], concerns, handler);

    private void Unsubscribe(LiveSubscription subscription)
    {
        ImmutableInterlocked.Update(ref _subscriptions, set => set.Remove(subscription));
        foreach (var topic in subscription.Topics)
        {
            while (_byTopic.TryGetValue(topic, out var list))
            {
                var rest = list.Remove(subscription);
                // A topic nobody listens to any more goes, so that the map holds the live users and calls, not every one ever seen.
                var done = rest.IsEmpty
                    ? _byTopic.TryRemove(KeyValuePair.Create(topic, list))
                    : _byTopic.TryUpdate(topic, rest, list);
                if (done) break;
            }
        }
    }
}
