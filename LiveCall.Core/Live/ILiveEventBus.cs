namespace LiveCall.Core.Live;

/// <summary>
/// Pushes <see cref="LiveEvent"/>s into every open circuit that subscribed. The in-process bus serves
/// one instance; a Redis-backed one (scale-out) implements the same seam.
/// </summary>
public interface ILiveEventBus
{
    /// <summary>Hands the event to every subscriber it concerns and returns: a publisher never waits for a subscriber's work.</summary>
    ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="handler"/> for every event of one of <paramref name="topics"/> (and every event for everyone,
    /// <see cref="LiveEvent.IsForEveryone"/>) that <paramref name="concerns"/> the subscriber, one at a time and in
    /// the order they were published, from the subscription's own queue (never on the publisher's call), until the returned
    /// handle is disposed; disposing waits for the event in hand, whose token is cancelled. A failing handler is logged and
    /// still gets the next event. A subscriber that falls too far behind gets one <see cref="EventsMissed"/> in place of
    /// what did not fit, whatever <paramref name="concerns"/> says, and re-reads what it shows.
    /// </summary>
    /// <param name="topics">What the subscriber is about; the bus offers it nothing else. Topics of one subscriber must not
    /// overlap (an event of two of them would be handed over twice).</param>
    /// <param name="concerns">Runs on the publisher's call for every event of those topics: a cheap check of what the subscriber is about.</param>
    /// <param name="handler">A component runs its work on its circuit: <c>(e, ct) =&gt; InvokeAsync(() =&gt; RefreshAsync(ct))</c>.</param>
    IAsyncDisposable Subscribe(IReadOnlyCollection<LiveTopic> topics, Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler);

    /// <summary>Every event (<see cref="LiveTopic.All"/>) that <paramref name="concerns"/> the subscriber: a platform-wide view, a test.</summary>
    IAsyncDisposable Subscribe(Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler) => Subscribe([LiveTopic.All], concerns, handler);
}
