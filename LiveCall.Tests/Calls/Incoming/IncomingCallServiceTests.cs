using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Ring-all routing settled in the database: who rings, first accept wins, cancel and ring timeout.</summary>
public sealed class IncomingCallServiceTests : IAsyncLifetime
{
    // Monday 2026-11-23 10:00 in Berlin: Downtown (always open) and Airport (Mon–Sat 08–20) are both open.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));
    private LiveCallAppFactory _app = default!;
    private readonly List<LiveEvent> _events = [];
    private TrackedLiveEventBus _bus = default!;
    private IAsyncDisposable? _subscription;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Time = _time };
        _ = _app.BaseAddress;
        _bus = new TrackedLiveEventBus(Service<ILiveEventBus>());
        _subscription = _bus.Subscribe(_ => true, (e, _) => { lock (_events) _events.Add(e); return Task.CompletedTask; });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_subscription is not null) await _subscription.DisposeAsync();
        await _app.DisposeAsync();
    }

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    private Task<TenantScope> ScopeOfAsync(string email) => CallsTestData.ScopeOfAsync(_app, email);

    private async Task OpenDashboardAsync(string email) =>
        await Service<PresenceService>().OpenAsync(Guid.NewGuid().ToString(), "test-instance", await ScopeOfAsync(email), default);

    /// <summary>Waits (at most 5 s) for an event published by the app's own background timer.</summary>
    private async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!Locked(condition) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(Locked(condition));
    }

    private bool Locked(Func<bool> condition) { lock (_events) return condition(); }

    private async Task<Call> CallAsync(Guid id)
    {
        await using var db = await Service<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task Start_RingsOnlyTheLocationsSellersWithAnOpenDashboard()
    {
        await OpenDashboardAsync("seller1@livecall.demo");
        await OpenDashboardAsync("dealer-admin@livecall.demo"); // no location: never rings

        var start = await Service<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.True(start.Ringing);
        await _bus.DeliveredAsync();
        var ring = Assert.Single(_events.OfType<RingStarted>());
        Assert.Equal([(await ScopeOfAsync("seller1@livecall.demo")).UserId], ring.SellerIds);
        Assert.Equal(CallState.Ringing, (await CallAsync(start.CallId!.Value)).State);
        Assert.NotNull(await Service<CallAccessTokens>().ValidateAsync(start.CustomerToken, default));
    }

    [Fact]
    public async Task Start_WithNoSellerOnline_IsUnansweredAtOnce()
    {
        var start = await Service<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        Assert.Equal(RingRefusal.NoSellerAvailable, start.Refusal);
        Assert.Equal(CallState.Unanswered, (await CallAsync(start.CallId!.Value)).State);
        await _bus.DeliveredAsync();
        Assert.Empty(_events.OfType<RingStarted>());
    }

    [Fact]
    public async Task Start_OutsideOpeningHours_SaysWhenTheLocationOpens()
    {
        // An app of its own that starts on a Sunday: jumping a running app's clock days ahead would fire every timer for every second in between.
        await using var sunday = new LiveCallAppFactory { Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T12:00:00Z")) };
        var start = await sunday.Services.GetRequiredService<IncomingCallService>().StartAsync("demo-motors", "airport", "Clara Kunde", default);
        Assert.Equal(RingRefusal.Closed, start.Refusal);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:00:00Z"), start.NextOpening); // Monday 08:00 Berlin
        Assert.Null(start.CallId);
    }

    [Theory]
    [InlineData("demo-motors", "nowhere")]
    [InlineData("someone-else", "downtown")]
    public async Task Start_ForAnUnknownLocation_RingsNobody(string dealer, string location) =>
        Assert.Equal(RingRefusal.UnknownLocation, (await Service<IncomingCallService>().StartAsync(dealer, location, "Clara", default)).Refusal);

    [Fact]
    public async Task TenConcurrentAccepts_ExactlyOneWins_AndTheOthersLearnWho()
    {
        await OpenDashboardAsync("seller1@livecall.demo");
        var start = await Service<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        var sellers = new[] { await ScopeOfAsync("seller1@livecall.demo"), await ScopeOfAsync("seller2@livecall.demo") };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            Service<IncomingCallService>().AcceptAsync(start.CallId!.Value, sellers[i % 2], default))));

        var winner = Assert.Single(results, r => r.Outcome == AcceptOutcome.Won);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal((AcceptOutcome.AlreadyTaken, winner.AnsweredBy), (r.Outcome, r.AnsweredBy)));
        var call = await CallAsync(start.CallId!.Value);
        Assert.NotNull(call.AcceptedUtc);
        Assert.Contains(call.AcceptedByUserId, sellers.Select(s => s.UserId));
        await _bus.DeliveredAsync();
        Assert.Single(_events.OfType<RingEnded>());
    }

    [Fact]
    public async Task Accept_ByAnotherDealersSeller_IsNotAllowed()
    {
        await OpenDashboardAsync("seller1@livecall.demo");
        var start = await Service<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        var stranger = new TenantScope("x", StaffRole.Seller, Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(AcceptOutcome.NotAllowed, (await Service<IncomingCallService>().AcceptAsync(start.CallId!.Value, stranger, default)).Outcome);
        Assert.Equal(CallState.Ringing, (await CallAsync(start.CallId!.Value)).State);
    }

    [Fact]
    public async Task RingTimeout_EndsTheRingAsUnanswered_AndALateAcceptLoses()
    {
        await OpenDashboardAsync("seller1@livecall.demo");
        var incoming = Service<IncomingCallService>();
        var start = await incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        _time.Advance(Location.DefaultRingTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await incoming.ExpireDueAsync(default));
        Assert.Equal(CallState.Ringing, (await CallAsync(start.CallId!.Value)).State);

        // At the ring time the app's own timer ends the ring; calling the sweep as well cannot end it twice.
        _time.Advance(TimeSpan.FromSeconds(1));
        await incoming.ExpireDueAsync(default);
        Assert.Equal(CallState.Unanswered, (await CallAsync(start.CallId!.Value)).State);
        await WaitForAsync(() => _events.OfType<RingEnded>().Any());
        await _bus.DeliveredAsync();
        Assert.Equal(CallState.Unanswered, Assert.Single(_events.OfType<RingEnded>()).Outcome);
        Assert.Equal(AcceptOutcome.NotRinging, (await incoming.AcceptAsync(start.CallId!.Value, await ScopeOfAsync("seller1@livecall.demo"), default)).Outcome);
    }

    [Fact]
    public async Task Cancel_StopsTheRing_AndCannotBeUndoneByAnAccept()
    {
        await OpenDashboardAsync("seller1@livecall.demo");
        var incoming = Service<IncomingCallService>();
        var start = await incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.True(await incoming.CancelAsync(start.CallId!.Value, default));
        Assert.False(await incoming.CancelAsync(start.CallId!.Value, default));

        Assert.Equal(CallState.Cancelled, (await CallAsync(start.CallId!.Value)).State);
        Assert.Equal(AcceptOutcome.NotRinging, (await incoming.AcceptAsync(start.CallId!.Value, await ScopeOfAsync("seller2@livecall.demo"), default)).Outcome);
    }
}
