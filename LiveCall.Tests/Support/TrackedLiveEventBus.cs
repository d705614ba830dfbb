using System.Collections.Concurrent;
using LiveCall.Core.Live;

namespace LiveCall.Tests.Support;

/// <summary>
/// The app's bus as a test sees it. The bus delivers from each subscriber's own queue, after the publisher has returned;
/// <see cref="DeliveredAsync"/> waits until every subscription made through this one has handled everything published
/// before the call. It publishes a marker and waits for each of them to reach it: a queue keeps its order, so whatever
/// came before the marker has been handled. No polling, no sleeping.
/// </summary>
public sealed class TrackedLiveEventBus(ILiveEventBus bus) : ILiveEventBus
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Tracked, byte> _live = new();

    public ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken) => bus.PublishAsync(liveEvent, cancellationToken);

    public IAsyncDisposable Subscribe(IReadOnlyCollection<LiveTopic> topics, Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler)
    {
        var tracked = new Tracked(this);
        // The marker is for everyone (no dealer, no location): it reaches every subscription whatever its topics.
        tracked.Inner = bus.Subscribe(topics, e => e is Marker || concerns(e), (e, ct) =>
        {
            if (e is not Marker marker) return handler(e, ct);
            marker.Reached(tracked);
            return Task.CompletedTask;
        });
        _live[tracked] = 0;
        return tracked;
    }

    public IAsyncDisposable Subscribe(Func<LiveEvent, bool> concerns, Func<LiveEvent, CancellationToken, Task> handler) => Subscribe([LiveTopic.All], concerns, handler);

    /// <summary>Returns once every live subscription made here has handled every event published before this call.</summary>
    public async Task DeliveredAsync()
    {
        var marker = new Marker(_live.Keys);
        await bus.PublishAsync(marker, default);
        await marker.AllReached.WaitAsync(Deadline);
    }

    /// <summary>Published only by <see cref="DeliveredAsync"/>; the app's own subscribers ignore it (no dealer, no location, no kind they know).</summary>
    private sealed record Marker : LiveEvent
    {
        private readonly ConcurrentDictionary<Tracked, byte> _waitingFor;
        private readonly TaskCompletionSource _allReached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Marker(IEnumerable<Tracked> waitingFor) : base(null, null)
        {
            _waitingFor = new(waitingFor.Select(t => KeyValuePair.Create(t, (byte)0)));
            if (_waitingFor.IsEmpty) _allReached.SetResult();
        }

        public Task AllReached => _allReached.Task;

        public void Reached(Tracked tracked)
        {
            if (_waitingFor.TryRemove(tracked, out _) && _waitingFor.IsEmpty) _allReached.TrySetResult();
        }
    }

    private sealed class Tracked(TrackedLiveEventBus owner) : IAsyncDisposable
    {
        public IAsyncDisposable Inner { get; set; } = default!;

        public async ValueTask DisposeAsync()
        {
            owner._live.TryRemove(this, out _);
            await Inner.DisposeAsync();
        }
    }
}
