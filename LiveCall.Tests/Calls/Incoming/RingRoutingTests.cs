using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Who an incoming call rings (with every dashboard open) and what "Decline" stops.</summary>
public sealed class RingRoutingTests : IAsyncLifetime
{
    private ServiceHost _host = default!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IncomingCallService Incoming => _host.Get<IncomingCallService>();

    /// <summary>A second dealer with an always-open location, to prove rings never cross dealers.</summary>
    private async Task<Location> AddOtherDealerAsync() =>
        await _host.Data.AddLocationAsync((await _host.Data.AddDealerAsync("Autohaus Anders", "autohaus-anders")).Id, "Mitte", "downtown");

    private async Task<List<string>> RingTargetsAsync(Guid callId)
    {
        await using var db = await _host.DbAsync();
        return await db.RingTargets.Where(t => t.CallId == callId).Select(t => t.UserId).ToListAsync();
    }

    [Fact]
    public async Task Start_RingsExactlyTheLocationsAvailableSellers_EvenWithEveryoneElsesDashboardOpen()
    {
        var downtown = await _host.Data.LocationAsync("downtown");
        var airport = await _host.Data.LocationAsync("airport");
        var elsewhere = await AddOtherDealerAsync();
        var seller1 = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var seller2 = await _host.Data.ScopeOfAsync(TestData.Seller2);
        var locationAdmin = await _host.Data.AddUserAsync("lead@livecall.demo", StaffRole.LocationAdmin, downtown.DealerId, downtown.Id);
        var airportSeller = await _host.Data.AddUserAsync("airport@livecall.demo", StaffRole.Seller, airport.DealerId, airport.Id);
        var otherDealersSeller = await _host.Data.AddUserAsync("anders@example.com", StaffRole.Seller, elsewhere.DealerId, elsewhere.Id);
        var away = await _host.Data.AddUserAsync("away@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var busy = await _host.Data.AddUserAsync("busy@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var waiting = await _host.Data.AddUserAsync("waiting@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var inactive = await _host.Data.AddUserAsync("gone@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id, u => u.SetActive(false));
        var dealerAdmin = await _host.Data.ScopeOfAsync(TestData.DealerAdmin);
        var platformAdmin = await _host.Data.ScopeOfAsync(TestData.PlatformAdmin);
        await _host.Data.MakeBusyAsync(busy);
        await _host.Data.MakeBusyAsync(waiting, CallState.Waiting);
        foreach (var user in new[] { seller1, seller2, locationAdmin, airportSeller, otherDealersSeller, away, busy, waiting, inactive, dealerAdmin, platformAdmin })
            await _host.Data.OpenDashboardAsync(user);
        await _host.Get<SellerDuty>().SetAwayAsync(away.UserId, default); // and reopening the dashboard keeps them away:
        await _host.Data.OpenDashboardAsync(away);

        var start = await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.Equal(3, start.SellersRinging);
        string[] expected = [.. new[] { seller1.UserId, seller2.UserId, locationAdmin.UserId }.Order()];
        var ring = Assert.Single(await _host.EventsAsync<RingStarted>());
        Assert.Equal(expected, ring.SellerIds.Order());
        Assert.Equal(expected, (await RingTargetsAsync(start.CallId!.Value)).Order());
        Assert.Equal("Clara Kunde", ring.CustomerName);

        // The other dealer's own call rings only their seller.
        var theirs = await Incoming.StartAsync("autohaus-anders", "downtown", "Otto", default);
        Assert.Equal([otherDealersSeller.UserId], await RingTargetsAsync(theirs.CallId!.Value));
    }

    [Fact]
    public async Task Start_RingsASellerOnDutyWhoseDashboardIsClosed_ButNotOneWhoNeverCameOnDuty()
    {
        var seller1 = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var circuit = await _host.Data.OpenDashboardAsync(seller1);
        await _host.Get<PresenceService>().CloseAsync(circuit, default); // tab closed, laptop asleep: still on duty

        var start = await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.Equal([seller1.UserId], await RingTargetsAsync(start.CallId!.Value)); // Seller2 never signed in
        Assert.Equal(1, start.SellersRinging); // reached by the queued push/SMS/email although no dashboard is open
    }

    [Fact]
    public async Task Decline_StopsOnlyThatSellersRing_AndWhenEveryoneDeclined_TheCallIsUnanswered()
    {
        var seller1 = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var seller2 = await _host.Data.ScopeOfAsync(TestData.Seller2);
        await _host.Data.OpenDashboardAsync(seller1);
        await _host.Data.OpenDashboardAsync(seller2);
        var callId = (await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default)).CallId!.Value;

        Assert.True(await Incoming.DeclineAsync(callId, seller1.UserId, default));

        var declined = Assert.Single(await _host.EventsAsync<RingDeclined>());
        Assert.Equal((callId, seller1.UserId), (declined.CallId, declined.UserId));
        Assert.Empty(await Incoming.RingingForAsync(seller1.UserId, default));
        Assert.Equal(callId, Assert.Single(await Incoming.RingingForAsync(seller2.UserId, default)).CallId);
        Assert.Equal(CallState.Ringing, (await _host.Data.CallAsync(callId)).State);
        Assert.Empty(await _host.EventsAsync<RingEnded>());
        Assert.False(await Incoming.DeclineAsync(callId, seller1.UserId, default)); // twice is once

        Assert.True(await Incoming.DeclineAsync(callId, seller2.UserId, default));

        Assert.Equal(CallState.Unanswered, (await _host.Data.CallAsync(callId)).State);
        var ended = Assert.Single(await _host.EventsAsync<RingEnded>());
        Assert.Equal((callId, CallState.Unanswered, (string?)null), (ended.CallId, ended.Outcome, ended.AnsweredByUserId));
    }

    [Fact]
    public async Task Availability_IsAwayOverBusyOverOffDutyAndAvailable()
    {
        var downtown = await _host.Data.LocationAsync("downtown");
        var seller = await _host.Data.AddUserAsync("chip@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var availability = _host.Get<SellerAvailability>();
        var duty = _host.Get<SellerDuty>();
        Assert.Equal(SellerStatus.OffDuty, await availability.StatusOfAsync(seller.UserId, default)); // never signed in

        await duty.SignedInAsync(seller.UserId, default);
        Assert.Equal(SellerStatus.Available, await availability.StatusOfAsync(seller.UserId, default));

        await _host.Data.MakeBusyAsync(seller);
        Assert.Equal(SellerStatus.Busy, await availability.StatusOfAsync(seller.UserId, default));

        await duty.SetAwayAsync(seller.UserId, default);
        Assert.Equal(SellerStatus.Away, await availability.StatusOfAsync(seller.UserId, default));

        await duty.SetAvailableAsync(seller.UserId, default);
        Assert.Equal(SellerStatus.Busy, await availability.StatusOfAsync(seller.UserId, default));

        await duty.EndAsync(seller.UserId, default);
        Assert.Equal(SellerStatus.Busy, await availability.StatusOfAsync(seller.UserId, default)); // in a FollowUp call, off duty
    }

    [Fact]
    public async Task Availability_AfterTheCallEnded_IsAvailableAgain()
    {
        var downtown = await _host.Data.LocationAsync("downtown");
        var seller = await _host.Data.AddUserAsync("after@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        await _host.Get<SellerDuty>().SignedInAsync(seller.UserId, default);
        await _host.Data.MakeBusyAsync(seller, CallState.Ended);
        Assert.Equal(SellerStatus.Available, await _host.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));
    }
}
