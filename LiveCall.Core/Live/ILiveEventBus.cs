namespace LiveCall.Core.Live;

/// <summary>
/// Pushes <see cref="LiveEvent"/>s into every open circuit that subscribed. The in-process bus serves
/// one instance; a Redis-backed one (scale-out) implements the same seam.
/// </summary>
public interface ILiveEventBus
{
    ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="handler"/> for every event until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<LiveEvent, Task> handler);
}
