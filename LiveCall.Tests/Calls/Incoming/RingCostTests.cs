using LiveCall.App.Calls.Incoming;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// A ring costs the same database work for 2 open dashboards or 40: every seller's circuit holds a toast list and a
/// dashboard following the figures, as the seller dashboard does; the SQL commands from "Start video call" until every
/// toast shows and every dashboard has its new figures, and for the accept that follows, do not grow with the dashboards.
/// The two rung sellers are the same in both; the other dashboards belong to colleagues who are away (their dashboards
/// open, the figures followed, not rung), so what is measured is the dashboards' share, not the rung sellers' messages.
/// </summary>
public sealed class RingCostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>SQL commands of the ring (start → all toasts and figures) and of the accept (→ every toast shows "Answered by").</summary>
    private static async Task<(long Ring, long Accept)> MeasureAsync(int dashboards)
    {
        await using var host = await ServiceHost.StartAsync();
        var downtown = await host.Data.LocationAsync("downtown");
        var sellers = new List<TenantScope>();
        for (var i = 0; i < dashboards; i++)
            sellers.Add(await host.Data.AddUserAsync($"cost{i}@livecall.test", StaffRole.Seller, downtown.DealerId, downtown.Id));
        foreach (var seller in sellers) await host.Data.OpenDashboardAsync(seller);
        foreach (var colleague in sellers.Skip(2)) await host.Get<SellerDuty>().SetAwayAsync(colleague.UserId, default);
        var feed = host.Get<DashboardFeed>();
        var lists = new List<RingToastList>();
        var watches = new List<DashboardFeed.DashboardWatch>();
        var figures = new List<TaskCompletionSource>();
        try
        {
            foreach (var seller in sellers)
            {
                var list = ActivatorUtilities.CreateInstance<RingToastList>(host.Services, host.Bus);
                lists.Add(list);
                await list.StartAsync(seller, work => work(), () => Task.CompletedTask, default);
                var updated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                figures.Add(updated);
                var before = (await feed.GetAsync(seller, new StatisticsFilter(), default)).Figures.CallsToday;
                var watch = feed.Watch(seller, new StatisticsFilter(), s =>
                {
                    if (s.Figures.CallsToday > before) updated.TrySetResult();
                    return Task.CompletedTask;
                });
                watches.Add(watch);
                await watch.CurrentAsync();
            }
            var sql = host.Get<SqlCommandCounter>();

            var start = sql.Count;
            var call = await host.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "downtown", "Clara Kunde", default);
            Assert.True(call.Ringing);
            await Task.WhenAll(figures.Select(f => f.Task)).WaitAsync(Deadline);
            await host.DeliveredAsync();
            Assert.All(lists.Take(2), l => Assert.Contains(l.Toasts, t => t.CallId == call.CallId && t.State == RingToastState.Ringing));
            Assert.All(lists.Skip(2), l => Assert.Empty(l.Toasts));
            var ring = sql.Count - start;

            start = sql.Count;
            Assert.Equal(AcceptOutcome.Won, await lists[0].AcceptAsync(call.CallId!.Value, default));
            await host.DeliveredAsync();
            await watches[^1].CurrentAsync().WaitAsync(Deadline); // the figures of the accept are computed
            Assert.Contains(lists[1].Toasts, t => t.CallId == call.CallId && t.State == RingToastState.Answered);
            return (ring, sql.Count - start);
        }
        finally
        {
            foreach (var watch in watches) watch.Dispose();
            foreach (var list in lists) await list.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheRingAndTheAccept_CostTheSameSqlFor2DashboardsAsFor40()
    {
        var two = await MeasureAsync(2);
        var forty = await MeasureAsync(40);

        // Exactly equal would be too strict: the figures of one burst may be computed once or twice (coalescing takes what
        // is queued when a computation starts). Per dashboard would be 38 × 30 commands more.
        Assert.InRange(forty.Ring, two.Ring - 10, two.Ring + 10);
        Assert.InRange(forty.Accept, two.Accept - 10, two.Accept + 10);
        // 20 today (the start 6, the ring and its messages 8, the figures once 6); a second computation of the figures adds 7.
        Assert.True(two.Ring <= 27, $"a ring with 2 dashboards sent {two.Ring} SQL commands");
        Assert.True(two.Accept <= 19, $"an accept with 2 dashboards sent {two.Accept} SQL commands");
        output.WriteLine($"SQL commands per ring: {two.Ring} (2 dashboards), {forty.Ring} (40); per accept: {two.Accept}, {forty.Accept}");
    }
}
