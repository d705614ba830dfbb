using LiveCall.App.Ringing;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveCall.Tests.Ringing;

/// <summary>One circuit's toasts, driven by the app's real in-process bus and incoming-call service.</summary>
public sealed class CallRouterTests : IAsyncLifetime
{
    private readonly RingTestApp _ring = new();
    private readonly List<CallRouter> _routers = [];
    private TenantScope _seller1 = default!, _seller2 = default!;

    public async Task InitializeAsync()
    {
        _seller1 = await _ring.ScopeOfAsync("seller1@livecall.demo");
        _seller2 = await _ring.ScopeOfAsync("seller2@livecall.demo");
        await _ring.OpenDashboardAsync(_seller1);
        await _ring.OpenDashboardAsync(_seller2);
    }

    public async Task DisposeAsync()
    {
        foreach (var router in _routers) router.Dispose();
        await _ring.DisposeAsync();
    }

    private IncomingCallService Incoming => _ring.Get<IncomingCallService>();

    private async Task<CallRouter> RouterForAsync(TenantScope user, Func<Task>? changed = null)
    {
        var router = ActivatorUtilities.CreateInstance<CallRouter>(_ring.App.Services);
        _routers.Add(router);
        await router.StartAsync(user, work => work(), changed ?? (() => Task.CompletedTask), default);
        return router;
    }

    private async Task<Guid> CallDowntownAsync(string name = "Clara Kunde") =>
        (await Incoming.StartAsync("demo-motors", "downtown", name, default)).CallId!.Value;

    [Fact]
    public async Task RingStarted_ForThisSeller_ShowsAToastWithCallerAndLocation()
    {
        var router = await RouterForAsync(_seller1);
        var callId = await CallDowntownAsync();

        var toast = Assert.Single(router.Toasts);
        Assert.Equal((callId, "Clara Kunde", "Downtown", RingToastState.Ringing), (toast.CallId, toast.CustomerName, toast.LocationName, toast.State));
        Assert.True(router.IsRinging);
    }

    [Fact]
    public async Task EventsForOtherSellersLocationsAndDealers_AreIgnored()
    {
        var elsewhere = await _ring.AddOtherDealerAsync();
        var theirSeller = await _ring.AddUserAsync("anders@example.com", StaffRole.Seller, elsewhere.DealerId, elsewhere.Id);
        var airport = await _ring.LocationAsync("airport");
        var airportSeller = await _ring.AddUserAsync("airport@livecall.demo", StaffRole.Seller, airport.DealerId, airport.Id);
        await _ring.OpenDashboardAsync(theirSeller);
        await _ring.OpenDashboardAsync(airportSeller);
        var changes = 0;
        var router = await RouterForAsync(_seller1, () => { changes++; return Task.CompletedTask; });

        await Incoming.StartAsync("autohaus-anders", "downtown", "Otto", default);
        await Incoming.StartAsync("demo-motors", "airport", "Paula", default);
        Assert.Empty(router.Toasts);

        // A ring of this seller's call: events naming another seller or another dealer leave it alone.
        var callId = await CallDowntownAsync();
        var bus = _ring.Get<ILiveEventBus>();
        var downtown = await _ring.LocationAsync("downtown");
        await bus.PublishAsync(new RingDeclined(callId, downtown.DealerId, downtown.Id, _seller2.UserId), default);
        await bus.PublishAsync(new RingDeclined(callId, elsewhere.DealerId, elsewhere.Id, _seller1.UserId), default);
        await bus.PublishAsync(new RingEnded(callId, elsewhere.DealerId, elsewhere.Id, Core.Calls.CallState.Cancelled, null, null), default);

        Assert.Equal(RingToastState.Ringing, Assert.Single(router.Toasts).State);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task AnotherSellerAccepts_TheToastSaysWho_ForFiveSeconds_ThenGoesAway()
    {
        var router1 = await RouterForAsync(_seller1);
        var router2 = await RouterForAsync(_seller2);
        var callId = await CallDowntownAsync();

        Assert.Equal(AcceptOutcome.Won, await router2.AcceptAsync(callId, default));

        Assert.Empty(router2.Toasts); // the winner goes to the call
        var toast = Assert.Single(router1.Toasts);
        Assert.Equal((RingToastState.Answered, "Sophie Seller"), (toast.State, toast.AnsweredBy));
        Assert.False(router1.IsRinging);
        Assert.False(router1.Prune(_ring.Time.GetUtcNow() + TimeSpan.FromSeconds(4)));
        Assert.True(router1.Prune(_ring.Time.GetUtcNow() + CallRouter.EndedToastLifetime));
        Assert.Empty(router1.Toasts);
    }

    [Fact]
    public async Task Accept_WhenSomeoneElseWasFaster_ShowsAnsweredBy_AndPressingAgainSendsNothing()
    {
        var callId = await CallDowntownAsync();
        // A screen that never heard the bus's RingEnded (its own bus): the answer to Accept itself says who won.
        var deaf = ActivatorUtilities.CreateInstance<CallRouter>(_ring.App.Services, new InProcessLiveEventBus(NullLogger<InProcessLiveEventBus>.Instance));
        _routers.Add(deaf);
        await deaf.StartAsync(_seller1, work => work(), () => Task.CompletedTask, default);
        await Incoming.AcceptAsync(callId, _seller2, default);

        Assert.Equal(AcceptOutcome.AlreadyTaken, await deaf.AcceptAsync(callId, default));

        var toast = Assert.Single(deaf.Toasts);
        Assert.Equal((RingToastState.Answered, "Sophie Seller"), (toast.State, toast.AnsweredBy));
        Assert.Null(await deaf.AcceptAsync(callId, default));
    }

    [Fact]
    public async Task AcceptPressedTwice_SendsOneAccept()
    {
        var router = await RouterForAsync(_seller1);
        var callId = await CallDowntownAsync();

        var first = router.AcceptAsync(callId, default);
        var second = router.AcceptAsync(callId, default);

        Assert.Null(await second);
        Assert.Equal(AcceptOutcome.Won, await first);
        Assert.Single(_ring.Events<RingEnded>());
    }

    [Fact]
    public async Task CustomerCancels_TheToastTurnsMissed_AndTheRingtoneStops()
    {
        var router = await RouterForAsync(_seller1);
        var callId = await CallDowntownAsync();

        await Incoming.CancelAsync(callId, default);

        Assert.Equal(RingToastState.Missed, Assert.Single(router.Toasts).State);
        Assert.False(router.IsRinging);
    }

    [Fact]
    public async Task Decline_InOneTab_RemovesTheToastInEveryTabOfThatSeller_Only()
    {
        var tab1 = await RouterForAsync(_seller1);
        var tab2 = await RouterForAsync(_seller1);
        var other = await RouterForAsync(_seller2);
        var callId = await CallDowntownAsync();

        await tab1.DeclineAsync(callId, default);

        Assert.Empty(tab1.Toasts);
        Assert.Empty(tab2.Toasts);
        Assert.Equal(RingToastState.Ringing, Assert.Single(other.Toasts).State);
    }

    [Fact]
    public async Task ACircuitStartedMidRing_ShowsTheCallsRingingNow()
    {
        var callId = await CallDowntownAsync("Late Larry");
        _ring.Time.Advance(TimeSpan.FromSeconds(12));

        var router = await RouterForAsync(_seller1);

        var toast = Assert.Single(router.Toasts);
        Assert.Equal((callId, "Late Larry"), (toast.CallId, toast.CustomerName));
        Assert.Equal("0:12", toast.WaitingText(_ring.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AFailingCircuit_DoesNotBreakTheRingForOthers()
    {
        var broken = await RouterForAsync(_seller1, () => throw new InvalidOperationException("renderer gone"));
        var healthy = await RouterForAsync(_seller2);

        var start = await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.True(start.Ringing);
        Assert.Single(broken.Toasts);
        Assert.Single(healthy.Toasts);
    }

    [Fact]
    public async Task AfterDispose_NoMoreToasts()
    {
        var router = await RouterForAsync(_seller1);
        router.Dispose();
        await CallDowntownAsync();
        Assert.Empty(router.Toasts);
    }
}
