using System.Diagnostics;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Bench.Ring;

/// <summary>
/// SQL commands per ring against the number of open dashboards (2, 20, 200, 2,000), in process on a SQLite file: every
/// dashboard follows its figures through the app's <see cref="DashboardFeed"/> and listens on the topics the toast list
/// listens on (its user's, its location's rings); two sellers are on duty and rung, the others are away. A round is one
/// "Start video call" until every dashboard holds the new figures and both rung sellers have their ring, then the accept
/// until every dashboard has the figures again. The 2-dashboard row is the baseline of the others.
/// </summary>
public static class RingCostBench
{
    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        int[] sizes = quick ? [2, 20, 200] : [2, 20, 200, 2000];
        const int rounds = 10;
        Console.WriteLine($"Ring cost: SQL commands and time per ring against open dashboards; {rounds} rounds each after 2 warm-up rounds");
        Console.WriteLine($"  {"dashboards",10} {"SQL/ring",9} {"SQL/accept",11} {"ratio",6} {"figures p50",12} {"figures max",12} {"computations/round",19}");
        double? baseline = null;
        foreach (var dashboards in sizes)
        {
            var counter = new SqlCommandCounter();
            await using var database = await BenchDatabase.CreateAsync(ct);
            var factory = database.FactoryWith(counter);
            await using var services = BenchServices.Build(factory, TimeProvider.System);
            var world = await SeedAsync(services, factory, dashboards, ct);
            var ringSql = new List<long>();
            var acceptSql = new List<long>();
            var figures = new Timings($"{dashboards} dashboards");
            var feed = services.GetRequiredService<DashboardFeed>();
            var computations = feed.Computations;
            for (var round = -2; round < rounds; round++)
            {
                var (ring, accept, lastFigures) = await RoundAsync(world, services, counter, ct);
                if (round < 0)
                {
                    computations = feed.Computations;
                    continue;
                }
                ringSql.Add(ring);
                acceptSql.Add(accept);
                figures.Add(lastFigures);
            }
            var perRound = (feed.Computations - computations) / (double)rounds;
            var median = Median(ringSql);
            baseline ??= median;
            Console.WriteLine($"  {dashboards,10} {median,9:F0} {Median(acceptSql),11:F0} {median / baseline.Value,6:F2} {figures.Percentile(0.5),9:F1} ms {figures.Percentile(1),9:F1} ms {perRound,19:F1}");
            foreach (var w in world.Watches) w.Dispose();
            foreach (var s in world.Toasts) await s.DisposeAsync();
        }
        return 0;
    }

    private static double Median(List<long> values) => values.Order().ElementAt(values.Count / 2);

    private sealed record World(Location Location, IReadOnlyList<TenantScope> Rung, List<DashboardFeed.DashboardWatch> Watches, List<IAsyncDisposable> Toasts,
        DashboardProbe Probe);

    /// <summary>What the dashboards saw: whether each one's latest snapshot shows what is awaited, and the rings heard by the rung sellers.</summary>
    private sealed class DashboardProbe(int dashboards)
    {
        private readonly DashboardSnapshot?[] _latest = new DashboardSnapshot?[dashboards];
        private readonly Lock _gate = new();
        private Func<DashboardSnapshot, bool> _awaited = _ => true;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _ringsHeard;
        private int _expectedRings;
        private long _started;
        public TimeSpan LastAt { get; private set; }

        public Task Expect(Func<DashboardSnapshot, bool> awaited, int rings)
        {
            lock (_gate)
            {
                _awaited = awaited;
                _expectedRings = rings;
                _ringsHeard = 0;
                _started = Stopwatch.GetTimestamp();
                _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
                Check();
                return _all.Task;
            }
        }

        public Task Take(int dashboard, DashboardSnapshot snapshot)
        {
            lock (_gate)
            {
                _latest[dashboard] = snapshot;
                Check();
            }
            return Task.CompletedTask;
        }

        public void Rang()
        {
            lock (_gate)
            {
                _ringsHeard++;
                Check();
            }
        }

        private void Check()
        {
            if (_all.Task.IsCompleted || _ringsHeard < _expectedRings) return;
            foreach (var snapshot in _latest) if (snapshot is null || !_awaited(snapshot)) return;
            LastAt = Stopwatch.GetElapsedTime(_started);
            _all.TrySetResult();
        }
    }

    private static async Task<World> SeedAsync(ServiceProvider services, Microsoft.EntityFrameworkCore.IDbContextFactory<LiveCallDbContext> factory, int dashboards,
        CancellationToken ct)
    {
        var (location, scopes) = await BenchLocation.SeedAsync(factory, services.GetRequiredService<PresenceService>(), dashboards, ct);
        var duty = services.GetRequiredService<SellerDuty>();
        foreach (var scope in scopes.Skip(2)) await duty.SetAwayAsync(scope.UserId, ct);

        var probe = new DashboardProbe(dashboards);
        var bus = services.GetRequiredService<ILiveEventBus>();
        var feed = services.GetRequiredService<DashboardFeed>();
        var watches = new List<DashboardFeed.DashboardWatch>();
        var toasts = new List<IAsyncDisposable>();
        for (var i = 0; i < scopes.Count; i++)
        {
            var index = i;
            var scope = scopes[i];
            // The toast list's subscription: its user's rings and declines, the ends of rings at its location; a ring needs no query.
            toasts.Add(bus.Subscribe([LiveTopic.User(scope.UserId), LiveTopic.Rings(location.Id)], e => e is RingStarted or RingEnded or RingDeclined, (e, _) =>
            {
                if (e is RingStarted) probe.Rang();
                return Task.CompletedTask;
            }));
            var watch = feed.Watch(scope, new StatisticsFilter(), s => probe.Take(index, s));
            watches.Add(watch);
            await probe.Take(index, await watch.CurrentAsync());
        }
        return new World(location, scopes.Take(2).ToList(), watches, toasts, probe);
    }

    private static async Task<(long Ring, long Accept, TimeSpan Figures)> RoundAsync(World world, ServiceProvider services, SqlCommandCounter counter, CancellationToken ct)
    {
        var incoming = services.GetRequiredService<IncomingCallService>();
        var before = counter.Count;
        var calls = world.Probe;
        Guid? callId = null;
        var seen = calls.Expect(s => callId is { } id && s.Recent.Any(c => c.Id == id), rings: world.Rung.Count);
        var start = await incoming.StartAsync(BenchLocation.Dealer, BenchLocation.Slug, new CustomerContactInput("Bench Customer", null, null), CustomerKeys.None, ct);
        if (!start.Ringing) throw new InvalidOperationException($"The bench call did not ring: {start.Refusal}");
        callId = start.CallId;
        await seen.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var figures = world.Probe.LastAt;
        var ring = counter.Count - before;

        before = counter.Count;
        var answered = calls.Expect(s => s.Recent.Any(c => c.Id == callId && c.State == CallState.Waiting), rings: 0);
        var result = await incoming.AcceptAsync(start.CallId!.Value, world.Rung[0], ct);
        if (result.Outcome != AcceptOutcome.Won) throw new InvalidOperationException($"The bench accept did not win: {result.Outcome}");
        await answered.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var accept = counter.Count - before;
        await BenchLocation.EndAsync(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<LiveCallDbContext>>(), start.CallId!.Value, ct);
        return (ring, accept, figures);
    }
}
