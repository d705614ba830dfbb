using LiveCall.App.Calls.Incoming;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// One circuit's toasts, driven by the app's real in-process bus and incoming-call service. The bus delivers after the
/// publisher returns, so each step waits for delivery (<see cref="ServiceHost.DeliveredAsync"/>) before looking.
/// </summary>
public sealed class RingToastListTests : IAsyncLifetime
{
    private ServiceHost _host = default!;
    private readonly List<RingToastList> _lists = [];
    private TenantScope _seller1 = default!, _seller2 = default!;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartAsync();
        _seller1 = await _host.Data.ScopeOfAsync(TestData.Seller1);
        _seller2 = await _host.Data.ScopeOfAsync(TestData.Seller2);
        await _host.Data.OpenDashboardAsync(_seller1);
        await _host.Data.OpenDashboardAsync(_seller2);
    }

    public async Task DisposeAsync()
    {
        foreach (var list in _lists) await list.DisposeAsync();
        await _host.DisposeAsync();
    }

    private IncomingCallService Incoming => _host.Get<IncomingCallService>();

    private async Task<Location> AddOtherDealerAsync() =>
        await _host.Data.AddLocationAsync((await _host.Data.AddDealerAsync("Autohaus Anders", "autohaus-anders")).Id, "Mitte", "downtown");

    private async Task<RingToastList> ToastListForAsync(TenantScope user, Func<Task>? changed = null)
    {
        var list = ActivatorUtilities.CreateInstance<RingToastList>(_host.Services, _host.Bus);
        _lists.Add(list);
        await list.StartAsync(user, work => work(), changed ?? (() => Task.CompletedTask), default);
        return list;
    }

    private async Task<Guid> CallDowntownAsync(string name = "Clara Kunde") =>
        (await Incoming.StartAsync("demo-motors", "downtown", name, default)).CallId!.Value;

    [Fact]
    public async Task RingStarted_ForThisSeller_ShowsAToastWithCallerAndLocation()
    {
        var list = await ToastListForAsync(_seller1);
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();

        var toast = Assert.Single(list.Toasts);
        Assert.Equal((callId, "Clara Kunde", "Downtown", RingToastState.Ringing), (toast.CallId, toast.CustomerName, toast.LocationName, toast.State));
        Assert.True(list.IsRinging);
    }

    [Fact]
    public async Task EventsForOtherSellersLocationsAndDealers_AreIgnored()
    {
        var elsewhere = await AddOtherDealerAsync();
        var theirSeller = await _host.Data.AddUserAsync("anders@example.com", StaffRole.Seller, elsewhere.DealerId, elsewhere.Id);
        var airport = await _host.Data.LocationAsync("airport");
        var airportSeller = await _host.Data.AddUserAsync("airport@livecall.demo", StaffRole.Seller, airport.DealerId, airport.Id);
        await _host.Data.OpenDashboardAsync(theirSeller);
        await _host.Data.OpenDashboardAsync(airportSeller);
        var changes = 0;
        var list = await ToastListForAsync(_seller1, () => { changes++; return Task.CompletedTask; });

        await Incoming.StartAsync("autohaus-anders", "downtown", "Otto", default);
        await Incoming.StartAsync("demo-motors", "airport", "Paula", default);
        await _host.DeliveredAsync();
        Assert.Empty(list.Toasts);

        // A ring of this seller's call: events naming another seller or another dealer leave it alone.
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();
        var bus = _host.Get<ILiveEventBus>();
        var downtown = await _host.Data.LocationAsync("downtown");
        await bus.PublishAsync(new RingDeclined(callId, downtown.DealerId, downtown.Id, _seller2.UserId), default);
        await bus.PublishAsync(new RingDeclined(callId, elsewhere.DealerId, elsewhere.Id, _seller1.UserId), default);
        await bus.PublishAsync(new RingEnded(callId, elsewhere.DealerId, elsewhere.Id, Core.Calls.CallState.Cancelled, null, null), default);
        await _host.DeliveredAsync();

        Assert.Equal(RingToastState.Ringing, Assert.Single(list.Toasts).State);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task AnotherSellerAccepts_TheToastSaysWho_ForFiveSeconds_ThenGoesAway()
    {
        var list1 = await ToastListForAsync(_seller1);
        var list2 = await ToastListForAsync(_seller2);
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();

        Assert.Equal(AcceptOutcome.Won, await list2.AcceptAsync(callId, default));
        await _host.DeliveredAsync();

        Assert.Empty(list2.Toasts); // the winner goes to the call
        var toast = Assert.Single(list1.Toasts);
        Assert.Equal((RingToastState.Answered, "Sophie Seller"), (toast.State, toast.AnsweredBy));
        Assert.False(list1.IsRinging);
        Assert.False(list1.Prune(_host.Time.GetUtcNow() + TimeSpan.FromSeconds(4)));
        Assert.True(list1.Prune(_host.Time.GetUtcNow() + new RingToastOptions().EndedToastLifetime));
        Assert.Empty(list1.Toasts);
    }

    [Fact]
    public async Task Accept_WhenSomeoneElseWasFaster_ShowsAnsweredBy_AndPressingAgainSendsNothing()
    {
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();
        // A screen that never heard the bus's RingEnded (its own bus): the answer to Accept itself says who won.
        var deaf = ActivatorUtilities.CreateInstance<RingToastList>(_host.Services, new InProcessLiveEventBus(NullLogger<InProcessLiveEventBus>.Instance));
        _lists.Add(deaf);
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
        var list = await ToastListForAsync(_seller1);
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();

        var first = list.AcceptAsync(callId, default);
        var second = list.AcceptAsync(callId, default);

        Assert.Null(await second);
        Assert.Equal(AcceptOutcome.Won, await first);
        Assert.Single(await _host.EventsAsync<RingEnded>());
    }

    [Fact]
    public async Task CustomerCancels_TheToastTurnsMissed_AndTheRingtoneStops()
    {
        var list = await ToastListForAsync(_seller1);
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();

        await Incoming.CancelAsync(callId, default);
        await _host.DeliveredAsync();

        Assert.Equal(RingToastState.Missed, Assert.Single(list.Toasts).State);
        Assert.False(list.IsRinging);
    }

    [Fact]
    public async Task Decline_InOneTab_RemovesTheToastInEveryTabOfThatSeller_Only()
    {
        var tab1 = await ToastListForAsync(_seller1);
        var tab2 = await ToastListForAsync(_seller1);
        var other = await ToastListForAsync(_seller2);
        var callId = await CallDowntownAsync();
        await _host.DeliveredAsync();

        await tab1.DeclineAsync(callId, default);
        await _host.DeliveredAsync();

        Assert.Empty(tab1.Toasts);
        Assert.Empty(tab2.Toasts);
        Assert.Equal(RingToastState.Ringing, Assert.Single(other.Toasts).State);
    }

    [Fact]
    public async Task ACircuitStartedMidRing_ShowsTheCallsRingingNow()
    {
        var callId = await CallDowntownAsync("Late Larry");
        _host.Time.Advance(TimeSpan.FromSeconds(12));

        var list = await ToastListForAsync(_seller1);

        var toast = Assert.Single(list.Toasts);
        Assert.Equal((callId, "Late Larry"), (toast.CallId, toast.CustomerName));
        Assert.Equal("0:12", toast.WaitingText(_host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AFailingCircuit_DoesNotBreakTheRingForOthers()
    {
        var broken = await ToastListForAsync(_seller1, () => throw new InvalidOperationException("renderer gone"));
        var healthy = await ToastListForAsync(_seller2);

        var start = await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        await _host.DeliveredAsync();

        Assert.True(start.Ringing);
        Assert.Single(broken.Toasts);
        Assert.Single(healthy.Toasts);
    }

    [Fact]
    public async Task AfterDispose_NoMoreToasts()
    {
        var list = await ToastListForAsync(_seller1);
        await list.DisposeAsync();
        await CallDowntownAsync();
        await _host.DeliveredAsync();
        Assert.Empty(list.Toasts);
    }
}
