using LiveCall.Core.Calls;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Statistics;

public sealed class StatisticsServiceTests
{
    private static readonly StatisticsFilter All = new();

    [Fact]
    public async Task CallsToday_StartAtLocalMidnightOfEachLocationsTimeZone()
    {
        // 23:30 UTC: already Tuesday 00:30 in Berlin, still Monday 18:30 in New York.
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-11-23T23:30:00Z"));
        await w.AddCallAsync(w.Berlin, "2026-11-23T23:10:00Z");  // Berlin 00:10 Tuesday: today
        await w.AddCallAsync(w.Berlin, "2026-11-23T22:50:00Z");  // Berlin 23:50 Monday: yesterday
        await w.AddCallAsync(w.NewYork, "2026-11-23T05:30:00Z"); // New York 00:30 Monday: today
        await w.AddCallAsync(w.NewYork, "2026-11-23T04:30:00Z"); // New York 23:30 Sunday: yesterday

        Assert.Equal(2, (await w.Statistics.GetFiguresAsync(w.Platform, All, default)).CallsToday);
        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.AdminA, All, default)).CallsToday);
        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.AdminB, All, default)).CallsToday);
    }

    [Fact]
    public async Task CallsToday_OnTheDayDaylightSavingEnds_CountsAll25Hours()
    {
        // 25 October 2026: Berlin falls back from CEST to CET; the local day began at 22:00 UTC the evening before.
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-10-25T22:30:00Z"));
        await w.AddCallAsync(w.Berlin, "2026-10-24T22:10:00Z"); // 00:10 CEST on the 25th: today, though 24 h 20 min ago
        await w.AddCallAsync(w.Berlin, "2026-10-24T21:50:00Z"); // 23:50 on the 24th: yesterday

        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.SellerBerlin, All, default)).CallsToday);
    }

    [Fact]
    public async Task CallsToday_OnTheDayDaylightSavingStarts_StartsAtLocalMidnight()
    {
        // 29 March 2026: Berlin springs forward; local midnight was 23:00 UTC on the 28th.
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-03-29T10:00:00Z"));
        await w.AddCallAsync(w.Berlin, "2026-03-28T23:05:00Z"); // 00:05 CET on the 29th: today
        await w.AddCallAsync(w.Berlin, "2026-03-28T22:55:00Z"); // 23:55 on the 28th: yesterday

        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.SellerBerlin, All, default)).CallsToday);
    }

    [Fact]
    public async Task Figures_AverageTodaysConnectedCallsAndAnswers()
    {
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-11-23T15:00:00Z"));
        await w.AddCallAsync(w.Berlin, "2026-11-23T09:00:00Z", answerAfter: TimeSpan.FromSeconds(10), duration: TimeSpan.FromMinutes(4));
        await w.AddCallAsync(w.Berlin, "2026-11-23T10:00:00Z", answerAfter: TimeSpan.FromSeconds(20), duration: TimeSpan.FromMinutes(2));
        await w.AddCallAsync(w.Berlin, "2026-11-23T11:00:00Z"); // unanswered
        await w.AddCallAsync(w.Berlin, "2026-11-23T12:00:00Z", answerAfter: TimeSpan.Zero, duration: TimeSpan.FromMinutes(9), kind: CallKind.FollowUp);
        await w.AddCallAsync(w.Berlin, "2026-11-22T10:00:00Z", answerAfter: TimeSpan.FromSeconds(50), duration: TimeSpan.FromMinutes(30)); // yesterday

        var f = await w.Statistics.GetFiguresAsync(w.SellerBerlin, All, default);

        Assert.Equal(3, f.CallsToday);                                   // incoming only
        Assert.Equal(TimeSpan.FromMinutes(5), f.AverageCallDuration);    // (4 + 2 + 9) / 3, FollowUp included
        Assert.Equal(2.0 / 3, f.AnswerRate!.Value, 3);
        Assert.Equal(TimeSpan.FromSeconds(15), f.AverageTimeToAnswer);
    }

    [Fact]
    public async Task Figures_OnAnEmptyDay_HaveNoAverages()
    {
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-11-23T15:00:00Z"));
        await w.AddCallAsync(w.Berlin, "2026-11-20T10:00:00Z", answerAfter: TimeSpan.FromSeconds(5), duration: TimeSpan.FromMinutes(3));

        var f = await w.Statistics.GetFiguresAsync(w.SellerBerlin, All, default);

        Assert.Equal(0, f.CallsToday);
        Assert.Null(f.AverageCallDuration);
        Assert.Null(f.AnswerRate);
        Assert.Null(f.AverageTimeToAnswer);
    }

    [Fact]
    public async Task Scopes_NeverCountAnotherDealersCalls()
    {
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-11-23T15:00:00Z"));
        await w.AddCallAsync(w.NewYork, "2026-11-23T14:00:00Z", answerAfter: TimeSpan.FromSeconds(5), duration: TimeSpan.FromMinutes(3));

        Assert.Equal(0, (await w.Statistics.GetFiguresAsync(w.AdminA, All, default)).CallsToday);
        Assert.Equal(0, (await w.Statistics.GetFiguresAsync(w.SellerBerlin, All, default)).CallsToday);
        // Even a crafted filter naming dealer B stays inside dealer A's scope.
        Assert.Equal(0, (await w.Statistics.GetFiguresAsync(w.AdminA, new StatisticsFilter(DealerId: w.DealerB), default)).CallsToday);
        Assert.Empty((await w.Statistics.ListCallsAsync(w.AdminA, new CallQuery(DealerId: w.DealerB), 0, 50, default)).Items);
        Assert.Equal(0, (await w.Statistics.GetHourlyAsync(w.AdminA, All, default)).Sum(h => h.Incoming));
        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.Platform, All, default)).CallsToday);
    }

    [Fact]
    public async Task Hourly_Has48HoursWithIncomingAcceptedAndUnanswered()
    {
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-11-23T15:20:00Z"));
        await w.AddCallAsync(w.Berlin, "2026-11-23T15:05:00Z", answerAfter: TimeSpan.FromSeconds(5), duration: TimeSpan.FromMinutes(1));
        await w.AddCallAsync(w.Berlin, "2026-11-23T15:10:00Z");
        await w.AddCallAsync(w.Berlin, "2026-11-21T16:30:00Z");  // first hour of the window
        await w.AddCallAsync(w.Berlin, "2026-11-21T15:59:00Z");  // just outside

        var hours = await w.Statistics.GetHourlyAsync(w.AdminA, All, default);

        Assert.Equal(48, hours.Count);
        Assert.Equal(DateTime.Parse("2026-11-21T16:00:00Z").ToUniversalTime(), hours[0].HourUtc);
        Assert.Equal((2, 1, 1), (hours[^1].Incoming, hours[^1].Accepted, hours[^1].Unanswered));
        Assert.Equal(1, hours[0].Incoming);
        Assert.Equal(3, hours.Sum(h => h.Incoming));
    }

    [Fact]
    public async Task ActiveUsers_CountsOpenCircuitsPerUserInScope_AndForgetsStaleOnes()
    {
        await using var w = await World.CreateAsync(DateTimeOffset.Parse("2026-11-23T15:00:00Z"));
        await w.Presence.OpenAsync("c1", "instance-1", w.SellerBerlin, default);
        await w.Presence.OpenAsync("c2", "instance-2", w.SellerBerlin, default); // same seller, second tab on another instance
        await w.Presence.OpenAsync("c3", "instance-1", new("ny", StaffRole.Seller, w.DealerB, w.NewYork), default);

        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.AdminA, All, default)).ActiveUsers);
        Assert.Equal(2, (await w.Statistics.GetFiguresAsync(w.Platform, All, default)).ActiveUsers);

        // instance-2 keeps beating, instance-1 went away.
        w.Time.Advance(TimeSpan.FromSeconds(60));
        await w.Presence.HeartbeatAsync("instance-2", default);
        w.Time.Advance(TimeSpan.FromSeconds(60));
        await w.Presence.HeartbeatAsync("instance-2", default);
        Assert.Equal(1, (await w.Statistics.GetFiguresAsync(w.Platform, All, default)).ActiveUsers);

        await w.Presence.CloseAsync("c2", default);
        Assert.Equal(0, (await w.Statistics.GetFiguresAsync(w.Platform, All, default)).ActiveUsers);
    }

    /// <summary>Dealer A (Berlin) and dealer B (New York) without the demo dealer, on a clock at the test's moment.</summary>
    private sealed class World(ServiceHost host, Guid dealerA, Guid berlin, Guid dealerB, Guid newYork) : IAsyncDisposable
    {
        public static async Task<World> CreateAsync(DateTimeOffset now)
        {
            var host = await ServiceHost.StartAsync(o => { o.Start = now; o.DemoData = false; });
            var a = await host.Data.AddDealerAsync("Dealer A", "dealer-a", "DE");
            var b = await host.Data.AddDealerAsync("Dealer B", "dealer-b", "US");
            var berlin = await host.Data.AddLocationAsync(a.Id, "Berlin", "berlin", "Europe/Berlin");
            var newYork = await host.Data.AddLocationAsync(b.Id, "New York", "new-york", "America/New_York", country: "US");
            return new World(host, a.Id, berlin.Id, b.Id, newYork.Id);
        }

        public FakeTimeProvider Time => host.Time;
        public StatisticsService Statistics => host.Get<StatisticsService>();
        public PresenceService Presence => host.Get<PresenceService>();
        public Guid Berlin => berlin;
        public Guid DealerB => dealerB;
        public Guid NewYork => newYork;
        public TenantScope Platform => new("p", StaffRole.PlatformAdmin, null, null);
        public TenantScope AdminA => new("a", StaffRole.DealerAdmin, dealerA, null);
        public TenantScope AdminB => new("b", StaffRole.DealerAdmin, dealerB, null);
        public TenantScope SellerBerlin => new("s", StaffRole.Seller, dealerA, berlin);

        public Task<Call> AddCallAsync(Guid location, string createdUtc, TimeSpan? answerAfter = null, TimeSpan? duration = null, CallKind kind = CallKind.Incoming) =>
            host.Data.AddCallAsync(location, DateTimeOffset.Parse(createdUtc), answerAfter, duration, kind);

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
