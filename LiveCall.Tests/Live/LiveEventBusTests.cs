using LiveCall.Core.Live;
using Microsoft.Extensions.Logging;

namespace LiveCall.Tests.Live;

/// <summary>
/// The in-process bus's one delivery policy: publishing only queues; each subscriber gets its events one at a time, in
/// order, from its own bounded queue; failures are logged; disposal ends delivery. Every wait has a deadline; nothing sleeps.
/// </summary>
public sealed class LiveEventBusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly RecordingLogger _log = new();
    private readonly InProcessLiveEventBus _bus;

    public LiveEventBusTests() => _bus = new InProcessLiveEventBus(_log);

    private sealed record Numbered(int N) : LiveEvent(null, null);

    private sealed record Other() : LiveEvent(null, null);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static Func<LiveEvent, bool> Everything => _ => true;

    [Fact]
    public async Task Publish_ReturnsWhileASubscriberIsStillHandlingTheEvent()
    {
        var handling = NewSignal();
        var release = NewSignal();
        var handled = new List<int>();
        await using var subscription = _bus.Subscribe(Everything, async (e, _) =>
        {
            handling.TrySetResult();
            await release.Task;
            lock (handled) handled.Add(((Numbered)e).N);
        });

        var first = _bus.PublishAsync(new Numbered(1), default);
        await handling.Task.WaitAsync(Deadline);
        var second = _bus.PublishAsync(new Numbered(2), default);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(second.IsCompletedSuccessfully);
        lock (handled) Assert.Empty(handled);
        release.SetResult();
    }

    [Fact]
    public async Task EachSubscriber_GetsItsEventsOneAtATime_InTheOrderTheyWerePublished()
    {
        const int count = 200;
        var subscribers = Enumerable.Range(0, 3).Select(_ => new OrderProbe(count)).ToList();
        var subscriptions = subscribers.Select(p => _bus.Subscribe(Everything, p.HandleAsync)).ToList();

        for (var n = 0; n < count; n++) await _bus.PublishAsync(new Numbered(n), default);

        foreach (var probe in subscribers)
        {
            await probe.AllSeen.WaitAsync(Deadline);
            Assert.Equal(Enumerable.Range(0, count), probe.Seen);
            Assert.Equal(1, probe.MostAtOnce);
        }
        foreach (var subscription in subscriptions) await subscription.DisposeAsync();
    }

    [Fact]
    public async Task AFailingSubscriber_IsLogged_TheOthersGetTheEvent_AndItStillGetsTheNextOne()
    {
        var brokenGotTwo = NewSignal();
        var healthyGotTwo = NewSignal();
        var healthy = new List<int>();
        await using var broken = _bus.Subscribe(Everything, (e, _) =>
        {
            if (e is Numbered { N: 1 }) throw new InvalidOperationException("renderer gone");
            brokenGotTwo.TrySetResult();
            return Task.CompletedTask;
        });
        await using var other = _bus.Subscribe(Everything, (e, _) =>
        {
            lock (healthy) healthy.Add(((Numbered)e).N);
            if (e is Numbered { N: 2 }) healthyGotTwo.TrySetResult();
            return Task.CompletedTask;
        });

        await _bus.PublishAsync(new Numbered(1), default);
        await _bus.PublishAsync(new Numbered(2), default);

        await brokenGotTwo.Task.WaitAsync(Deadline);
        await healthyGotTwo.Task.WaitAsync(Deadline);
        lock (healthy) Assert.Equal([1, 2], healthy);
        var failure = Assert.Single(_log.Entries, e => e.Exception is not null);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Equal("renderer gone", failure.Exception!.Message);
        Assert.Equal($"The live-event subscriber {nameof(LiveEventBusTests)} failed on {nameof(Numbered)}", failure.Message);
    }

    /// <summary>A subscriber that records what it was offered (its concerns asked) and what it was handed.</summary>
    private sealed class TopicProbe
    {
        public int Asked;
        public readonly List<LiveEvent> Handed = [];
        private readonly TaskCompletionSource<LiveEvent> _last = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<LiveEvent> SawEnd => _last.Task;

        public bool Concerns(LiveEvent e)
        {
            Interlocked.Increment(ref Asked);
            return true;
        }

        public Task HandleAsync(LiveEvent e, CancellationToken cancellationToken)
        {
            lock (Handed) Handed.Add(e);
            if (e is Numbered { N: -1 }) _last.TrySetResult(e);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task AnEvent_IsOfferedOnlyToTheSubscribersOfItsTopics_AndAnEventForEveryoneToAll()
    {
        var dealer = Guid.NewGuid();
        var downtown = Guid.NewGuid();
        var airport = Guid.NewGuid();
        var platform = new TopicProbe();
        var downtownDashboard = new TopicProbe();
        var airportDashboard = new TopicProbe();
        var sellerAnna = new TopicProbe();
        var sellerBen = new TopicProbe();
        var downtownToasts = new TopicProbe();
        TopicProbe[] all = [platform, downtownDashboard, airportDashboard, sellerAnna, sellerBen, downtownToasts];
        List<IAsyncDisposable> subscriptions =
        [
            _bus.Subscribe([LiveTopic.All], platform.Concerns, platform.HandleAsync),
            _bus.Subscribe([LiveTopic.Location(downtown)], downtownDashboard.Concerns, downtownDashboard.HandleAsync),
            _bus.Subscribe([LiveTopic.Location(airport)], airportDashboard.Concerns, airportDashboard.HandleAsync),
            _bus.Subscribe([LiveTopic.User("anna")], sellerAnna.Concerns, sellerAnna.HandleAsync),
            _bus.Subscribe([LiveTopic.User("ben")], sellerBen.Concerns, sellerBen.HandleAsync),
            _bus.Subscribe([LiveTopic.Rings(downtown)], downtownToasts.Concerns, downtownToasts.HandleAsync),
        ];
        try
        {
            var call = Guid.NewGuid();
            var ring = new RingStarted(call, dealer, downtown, "Downtown", "Clara", DateTime.UtcNow, ["anna"]);
            var changed = new CallChanged(call, dealer, downtown, Core.Calls.CallKind.Incoming, Core.Calls.CallState.Waiting, ["anna"]);
            var ended = new RingEnded(call, dealer, downtown, Core.Calls.CallState.Waiting, "anna", "Anna");
            await _bus.PublishAsync(ring, default);
            await _bus.PublishAsync(changed, default);
            await _bus.PublishAsync(ended, default);
            await _bus.PublishAsync(new Numbered(-1), default); // for everyone: reaches all, after the others

            foreach (var probe in all) await probe.SawEnd.WaitAsync(Deadline);
            Assert.Equal<LiveEvent>([ring, changed, ended, new Numbered(-1)], platform.Handed);
            Assert.Equal<LiveEvent>([changed, new Numbered(-1)], downtownDashboard.Handed);
            Assert.Equal<LiveEvent>([ring, changed, new Numbered(-1)], sellerAnna.Handed);
            Assert.Equal<LiveEvent>([ended, new Numbered(-1)], downtownToasts.Handed);
            // Not even asked: the airport's dashboards and a seller who was not rung cost the publisher nothing.
            Assert.Equal(1, airportDashboard.Asked);
            Assert.Equal(1, sellerBen.Asked);
        }
        finally
        {
            foreach (var subscription in subscriptions) await subscription.DisposeAsync();
        }
    }

    [Fact]
    public async Task AfterItsLastSubscriberGoes_ATopicGetsNothing_AndANewSubscriberOfItGetsWhatFollows()
    {
        var user = LiveTopic.User("anna");
        var first = new TopicProbe();
        await (_bus.Subscribe([user], first.Concerns, first.HandleAsync)).DisposeAsync();
        await _bus.PublishAsync(new RingDeclined(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "anna"), default);
        Assert.Equal(0, first.Asked);

        var second = new TopicProbe();
        await using var again = _bus.Subscribe([user], second.Concerns, second.HandleAsync);
        var declined = new RingDeclined(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "anna");
        await _bus.PublishAsync(declined, default);
        await _bus.PublishAsync(new Numbered(-1), default);
        await second.SawEnd.WaitAsync(Deadline);
        Assert.Equal<LiveEvent>([declined, new Numbered(-1)], second.Handed);
    }

    [Fact]
    public async Task Dispose_CancelsTheEventInHand_EndsTheLoop_AndNothingMoreIsDelivered()
    {
        var handling = NewSignal();
        var cancelled = NewSignal();
        var handled = new List<int>();
        var subscription = _bus.Subscribe(Everything, async (e, ct) =>
        {
            lock (handled) handled.Add(((Numbered)e).N);
            handling.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        });
        await _bus.PublishAsync(new Numbered(1), default);
        await handling.Task.WaitAsync(Deadline);
        await _bus.PublishAsync(new Numbered(2), default); // waits in the queue

        await subscription.DisposeAsync().AsTask().WaitAsync(Deadline);

        Assert.True(cancelled.Task.IsCompleted);
        await _bus.PublishAsync(new Numbered(3), default);
        await subscription.DisposeAsync().AsTask().WaitAsync(Deadline); // twice is once
        lock (handled) Assert.Equal([1], handled);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ASubscriberDisposingItselfFromItsHandler_DoesNotWaitForItself()
    {
        var handled = 0;
        var disposedInside = NewSignal();
        IAsyncDisposable? subscription = null;
        subscription = _bus.Subscribe(Everything, async (_, _) =>
        {
            Interlocked.Increment(ref handled);
            await subscription!.DisposeAsync();
            disposedInside.TrySetResult();
        });

        await _bus.PublishAsync(new Numbered(1), default);
        await disposedInside.Task.WaitAsync(Deadline);
        await subscription.DisposeAsync().AsTask().WaitAsync(Deadline); // from outside: waits for the loop's end
        await _bus.PublishAsync(new Numbered(2), default);

        Assert.Equal(1, handled);
    }

    [Fact]
    public async Task AFullQueue_DropsTheNewest_HandsOverOneEventsMissedAfterWhatItKept_ThenDeliversAgain()
    {
        const int capacity = InProcessLiveEventBus.QueueCapacity;
        var handling = NewSignal();
        var release = NewSignal();
        var missed = NewSignal();
        var afterwards = NewSignal();
        var seen = new List<LiveEvent>();
        await using var subscription = _bus.Subscribe(Everything, async (e, _) =>
        {
            lock (seen) seen.Add(e);
            switch (e)
            {
                case Numbered { N: 0 }:
                    handling.TrySetResult();
                    await release.Task;
                    break;
                case EventsMissed:
                    missed.TrySetResult();
                    break;
                case Numbered { N: -1 }:
                    afterwards.TrySetResult();
                    break;
            }
        });
        await _bus.PublishAsync(new Numbered(0), default);
        await handling.Task.WaitAsync(Deadline);

        // While the subscriber is stuck on 0: 1..capacity wait in its queue, the next 5 do not fit. Publishing never waits.
        for (var n = 1; n <= capacity + 5; n++) Assert.True(_bus.PublishAsync(new Numbered(n), default).IsCompletedSuccessfully);
        release.SetResult();
        await missed.Task.WaitAsync(Deadline);
        await _bus.PublishAsync(new Numbered(-1), default);
        await afterwards.Task.WaitAsync(Deadline);

        LiveEvent[] expected = [.. Enumerable.Range(0, capacity + 1).Select(n => new Numbered(n)), new EventsMissed(5), new Numbered(-1)];
        lock (seen) Assert.Equal(expected, seen);
        var full = Assert.Single(_log.Entries, e => e.Message.Contains("events behind"));
        Assert.Equal(LogLevel.Warning, full.Level);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("after 5 dropped events"));
    }

    [Fact]
    public async Task EventsThatDoNotConcernASubscriber_NeverReachIt_NorTakeRoomInItsQueue()
    {
        var handling = NewSignal();
        var release = NewSignal();
        var gotOne = NewSignal();
        var seen = new List<LiveEvent>();
        await using var subscription = _bus.Subscribe(e => e is Numbered, async (e, _) =>
        {
            lock (seen) seen.Add(e);
            if (e is Numbered { N: 0 })
            {
                handling.TrySetResult();
                await release.Task;
            }
            else gotOne.TrySetResult();
        });
        await _bus.PublishAsync(new Numbered(0), default);
        await handling.Task.WaitAsync(Deadline);

        for (var i = 0; i < 2 * InProcessLiveEventBus.QueueCapacity; i++) await _bus.PublishAsync(new Other(), default);
        await _bus.PublishAsync(new Numbered(1), default);
        release.SetResult();
        await gotOne.Task.WaitAsync(Deadline);

        lock (seen) Assert.Equal<LiveEvent>([new Numbered(0), new Numbered(1)], seen);
    }

    /// <summary>Records the order it was handed events in and how many handlers ever ran at once.</summary>
    private sealed class OrderProbe(int count)
    {
        private readonly TaskCompletionSource _allSeen = NewSignal();
        private readonly List<int> _seen = [];
        private int _inside;
        private int _mostAtOnce;

        public Task AllSeen => _allSeen.Task;
        public IReadOnlyList<int> Seen { get { lock (_seen) return [.. _seen]; } }
        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public async Task HandleAsync(LiveEvent e, CancellationToken cancellationToken)
        {
            var inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _mostAtOnce, inside);
            await Task.Yield(); // give a second delivery the chance to overlap, were the bus to allow it
            int seen;
            lock (_seen)
            {
                _seen.Add(((Numbered)e).N);
                seen = _seen.Count;
            }
            Interlocked.Decrement(ref _inside);
            if (seen == count) _allSeen.TrySetResult();
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLogger : ILogger<InProcessLiveEventBus>
    {
        private readonly List<LogEntry> _entries = [];

        public IReadOnlyList<LogEntry> Entries { get { lock (_entries) return [.. _entries]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries) _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
        }
    }
}
