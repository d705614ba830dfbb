using System.Diagnostics;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Bench.Ring;

/// <summary>
/// The incoming-call hot path on a real SQLite file: "Start video call" until the ring is on the live bus (what every
/// open dashboard hears), and ten sellers pressing "Accept" at once until all of them know who won.
/// </summary>
public static class RingBench
{
    public static async Task<int> RunAsync(int rounds, CancellationToken ct)
    {
        Console.WriteLine($"Ring bench: {rounds} rounds per scenario after 20 warm-up rounds; SQLite in WAL mode; wall clock");
        var failures = 0;
        foreach (var sellers in new[] { 1, 10, 50 })
        {
            await using var database = await BenchDatabase.CreateAsync(ct);
            var world = await SeedAsync(database, sellers, ct);
            var start = new Timings($"Start → RingStarted on the bus, {sellers} seller(s) ringing");
            var accept = new Timings($"10 concurrent Accepts → all answered, {sellers} seller(s)");
            for (var i = -20; i < rounds; i++)
            {
                var (ringTime, callId) = await StartAsync(world, ct);
                if (i >= 0) start.Add(ringTime);
                var contenders = Enumerable.Range(0, 10).Select(k => world.Sellers[k % world.Sellers.Count]).ToArray();
                var watch = Stopwatch.StartNew();
                var results = await Task.WhenAll(contenders.Select(s => Task.Run(() => world.Incoming.AcceptAsync(callId, s, ct), ct)));
                watch.Stop();
                if (i >= 0) accept.Add(watch.Elapsed);
                if (results.Count(r => r.Outcome == AcceptOutcome.Won) != 1) failures++;
                await BenchLocation.EndAsync(world.Factory, callId, ct);
            }
            Print(start);
            Print(accept);
        }
        Console.WriteLine(failures == 0 ? "Every round had exactly one winner." : $"FAILED: {failures} rounds without exactly one winner.");
        return failures == 0 ? 0 : 1;
    }

    private static void Print(Timings t) =>
        Console.WriteLine($"  {t.Name,-58} p50 {t.Percentile(0.5),7:F2} ms   p99 {t.Percentile(0.99),7:F2} ms   mean {t.Mean,7:F2} ms");

    private sealed record World(IncomingCallService Incoming, ILiveEventBus Bus, IReadOnlyList<TenantScope> Sellers,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.LiveCallDbContext> Factory);

    private static async Task<World> SeedAsync(BenchDatabase database, int sellerCount, CancellationToken ct)
    {
        var factory = database.Factory;
        var services = BenchServices.Build(factory, TimeProvider.System);
        var bus = services.GetRequiredService<ILiveEventBus>();
        var (_, scopes) = await BenchLocation.SeedAsync(factory, services.GetRequiredService<PresenceService>(), sellerCount, ct);
        return new World(services.GetRequiredService<IncomingCallService>(), bus, scopes, factory);
    }

    /// <summary>Time from calling StartAsync until a bus subscriber (as a dashboard circuit) has the RingStarted event.</summary>
    private static async Task<(TimeSpan, Guid)> StartAsync(World world, CancellationToken ct)
    {
        var heard = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        await using var subscription = world.Bus.Subscribe(e => e is RingStarted, (_, _) =>
        {
            heard.TrySetResult(watch.Elapsed);
            return Task.CompletedTask;
        });
        var start = await world.Incoming.StartAsync(BenchLocation.Dealer, BenchLocation.Slug, new CustomerContactInput("Bench Customer", null, null), CustomerKeys.None, ct);
        if (!start.Ringing) throw new InvalidOperationException($"The bench call did not ring: {start.Refusal}");
        return (await heard.Task, start.CallId!.Value);
    }
}
