using LiveCall.Core.Calls;
using LiveCall.Core.Live;
using LiveCall.Core.Statistics;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Statistics;

/// <summary>
/// The dashboards' figures are computed once per scope and change, not once per open dashboard: many dashboards of one
/// location share one computation, a burst of changes is coalesced, a change elsewhere costs this scope nothing, and a
/// scope nobody watches is not computed at all.
/// </summary>
public sealed class DashboardFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly StatisticsFilter All = new();
    private ServiceHost _host = default!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DashboardFeed Feed => _host.Get<DashboardFeed>();

    /// <summary>A dashboard that completes <see cref="Saw"/> once the figures it was handed count <paramref name="callsToday"/> calls.</summary>
    private sealed class Dashboard(int callsToday)
    {
        private readonly TaskCompletionSource<DashboardSnapshot> _saw = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<DashboardSnapshot> Saw => _saw.Task;
        public int Handed;

        public Task TakeAsync(DashboardSnapshot snapshot)
        {
            Interlocked.Increment(ref Handed);
            if (snapshot.Figures.CallsToday == callsToday) _saw.TrySetResult(snapshot);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task FiftyDashboardsOfOneLocation_ShareOneComputation_AndAHundredChangesAreCoalesced()
    {
        var seller = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var downtown = await _host.Data.LocationAsync("downtown");
        var baseline = (await Feed.GetAsync(seller, All, default)).Figures.CallsToday;
        var dashboards = Enumerable.Range(0, 50).Select(_ => new Dashboard(callsToday: baseline + 1)).ToList();
        var before = Feed.Computations;
        var watches = dashboards.Select(d => Feed.Watch(seller, All, d.TakeAsync)).ToList();
        try
        {
            var first = await Task.WhenAll(watches.Select(w => w.CurrentAsync())).WaitAsync(Deadline);

            Assert.Equal(1, Feed.Computations - before);
            Assert.All(first, s => Assert.Same(first[0], s));
            Assert.Equal(baseline, first[0].Figures.CallsToday);

            var call = await _host.Data.AddCallAsync(downtown.Id, _host.Time.GetUtcNow());
            before = Feed.Computations;
            for (var i = 0; i < 100; i++)
                await _host.Bus.PublishAsync(new CallChanged(call.Id, downtown.DealerId, downtown.Id, CallKind.Incoming, CallState.Unanswered), default);

            var seen = await Task.WhenAll(dashboards.Select(d => d.Saw)).WaitAsync(Deadline);
            Assert.All(seen, s => Assert.Same(seen[0], s));
            await _host.DeliveredAsync();
            await watches[0].CurrentAsync().WaitAsync(Deadline); // whatever the burst started has finished
            var computations = Feed.Computations - before;
            Assert.InRange(computations, 1, 3); // one per change would be 100
            Assert.All(dashboards, d => Assert.InRange(d.Handed, 2, 4));
        }
        finally
        {
            foreach (var w in watches) w.Dispose();
        }
    }

    [Fact]
    public async Task AChangeAtAnotherLocation_CostsThisLocationNothing_ButReachesTheDealerAdminsDashboard()
    {
        var seller = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var dealerAdmin = await _host.Data.ScopeOfAsync(TestData.DealerAdmin);
        var airport = await _host.Data.LocationAsync("airport");
        var downtownToday = (await Feed.GetAsync(seller, All, default)).Figures.CallsToday;
        var dealerToday = (await Feed.GetAsync(dealerAdmin, All, default)).Figures.CallsToday;
        var downtownDashboard = new Dashboard(callsToday: -1);
        var dealerDashboard = new Dashboard(callsToday: dealerToday + 1);
        using var downtownWatch = Feed.Watch(seller, All, downtownDashboard.TakeAsync);
        using var dealerWatch = Feed.Watch(dealerAdmin, All, dealerDashboard.TakeAsync);
        await Task.WhenAll(downtownWatch.CurrentAsync(), dealerWatch.CurrentAsync()).WaitAsync(Deadline);
        var handedDowntown = downtownDashboard.Handed;

        var call = await _host.Data.AddCallAsync(airport.Id, _host.Time.GetUtcNow());
        await _host.Bus.PublishAsync(new CallChanged(call.Id, airport.DealerId, airport.Id, CallKind.Incoming, CallState.Unanswered), default);

        var dealerFigures = await dealerDashboard.Saw.WaitAsync(Deadline);
        Assert.Equal(dealerToday + 1, dealerFigures.Figures.CallsToday);
        await _host.DeliveredAsync();
        Assert.Equal(handedDowntown, downtownDashboard.Handed);
        Assert.Equal(downtownToday, (await downtownWatch.CurrentAsync().WaitAsync(Deadline)).Figures.CallsToday);
    }

    [Fact]
    public async Task AScopeNobodyWatchesAnyMore_IsNotComputed_AndAnOpeningDashboardGetsAFreshSnapshotWithoutAQuery()
    {
        var seller = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var colleague = await _host.Data.ScopeOfAsync(TestData.Seller2);
        var downtown = await _host.Data.LocationAsync("downtown");
        var watch = Feed.Watch(seller, All, _ => Task.CompletedTask);
        var snapshot = await watch.CurrentAsync().WaitAsync(Deadline);
        var before = Feed.Computations;

        using (var second = Feed.Watch(colleague, All, _ => Task.CompletedTask))
            Assert.Same(snapshot, await second.CurrentAsync().WaitAsync(Deadline)); // same location: the snapshot is shared
        Assert.Equal(before, Feed.Computations);

        watch.Dispose();
        await _host.Bus.PublishAsync(new CallChanged(Guid.NewGuid(), downtown.DealerId, downtown.Id, CallKind.Incoming, CallState.Ringing), default);
        await _host.DeliveredAsync();
        Assert.Equal(before, Feed.Computations);
    }
}
