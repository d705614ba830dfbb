using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Live;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Who an incoming call rings (with every dashboard open) and what "Decline" stops.</summary>
public sealed class RingRoutingTests : IAsyncLifetime
{
    private readonly RingTestApp _ring = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ring.DisposeAsync();

    private IncomingCallService Incoming => _ring.Get<IncomingCallService>();

    [Fact]
    public async Task Start_RingsExactlyTheLocationsAvailableSellers_EvenWithEveryoneElsesDashboardOpen()
    {
        var downtown = await _ring.LocationAsync("downtown");
        var airport = await _ring.LocationAsync("airport");
        var elsewhere = await _ring.AddOtherDealerAsync();
        var seller1 = await _ring.ScopeOfAsync("seller1@livecall.demo");
        var seller2 = await _ring.ScopeOfAsync("seller2@livecall.demo");
        var locationAdmin = await _ring.AddUserAsync("lead@livecall.demo", StaffRole.LocationAdmin, downtown.DealerId, downtown.Id);
        var airportSeller = await _ring.AddUserAsync("airport@livecall.demo", StaffRole.Seller, airport.DealerId, airport.Id);
        var otherDealersSeller = await _ring.AddUserAsync("anders@example.com", StaffRole.Seller, elsewhere.DealerId, elsewhere.Id);
        var away = await _ring.AddUserAsync("away@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id, u => u.IsAway = true);
        var busy = await _ring.AddUserAsync("busy@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var waiting = await _ring.AddUserAsync("waiting@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var inactive = await _ring.AddUserAsync("gone@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id, u => u.SetActive(false));
        var dealerAdmin = await _ring.ScopeOfAsync("dealer-admin@livecall.demo");
        var platformAdmin = await _ring.ScopeOfAsync("admin@livecall.demo");
        await _ring.MakeBusyAsync(busy);
        await _ring.MakeBusyAsync(waiting, CallState.Waiting);
        foreach (var user in new[] { seller1, seller2, locationAdmin, airportSeller, otherDealersSeller, away, busy, waiting, inactive, dealerAdmin, platformAdmin })
            await _ring.OpenDashboardAsync(user);

        var start = await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.Equal(3, start.SellersRinging);
        string[] expected = [.. new[] { seller1.UserId, seller2.UserId, locationAdmin.UserId }.Order()];
        var ring = Assert.Single(await _ring.EventsAsync<RingStarted>());
        Assert.Equal(expected, ring.SellerIds.Order());
        Assert.Equal(expected, (await _ring.RingTargetsAsync(start.CallId!.Value)).Order());
        Assert.Equal("Clara Kunde", ring.CustomerName);

        // The other dealer's own call rings only their seller.
        var theirs = await Incoming.StartAsync("autohaus-anders", "downtown", "Otto", default);
        Assert.Equal([otherDealersSeller.UserId], await _ring.RingTargetsAsync(theirs.CallId!.Value));
    }

    [Fact]
    public async Task Start_DoesNotRingASellerWithoutAnOpenDashboard()
    {
        var seller1 = await _ring.ScopeOfAsync("seller1@livecall.demo");
        await _ring.OpenDashboardAsync(seller1);

        var start = await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.Equal([seller1.UserId], await _ring.RingTargetsAsync(start.CallId!.Value));
    }

    [Fact]
    public async Task Decline_StopsOnlyThatSellersRing_AndWhenEveryoneDeclined_TheCallIsUnanswered()
    {
        var seller1 = await _ring.ScopeOfAsync("seller1@livecall.demo");
        var seller2 = await _ring.ScopeOfAsync("seller2@livecall.demo");
        await _ring.OpenDashboardAsync(seller1);
        await _ring.OpenDashboardAsync(seller2);
        var callId = (await Incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default)).CallId!.Value;

        Assert.True(await Incoming.DeclineAsync(callId, seller1.UserId, default));

        var declined = Assert.Single(await _ring.EventsAsync<RingDeclined>());
        Assert.Equal((callId, seller1.UserId), (declined.CallId, declined.UserId));
        Assert.Empty(await Incoming.RingingForAsync(seller1.UserId, default));
        Assert.Equal(callId, Assert.Single(await Incoming.RingingForAsync(seller2.UserId, default)).CallId);
        Assert.Equal(CallState.Ringing, (await _ring.CallAsync(callId)).State);
        Assert.Empty(await _ring.EventsAsync<RingEnded>());
        Assert.False(await Incoming.DeclineAsync(callId, seller1.UserId, default)); // twice is once

        Assert.True(await Incoming.DeclineAsync(callId, seller2.UserId, default));

        Assert.Equal(CallState.Unanswered, (await _ring.CallAsync(callId)).State);
        var ended = Assert.Single(await _ring.EventsAsync<RingEnded>());
        Assert.Equal((callId, CallState.Unanswered, (string?)null), (ended.CallId, ended.Outcome, ended.AnsweredByUserId));
    }

    [Fact]
    public async Task Availability_IsAwayOverBusyOverAvailable()
    {
        var downtown = await _ring.LocationAsync("downtown");
        var seller = await _ring.AddUserAsync("chip@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        var availability = _ring.Get<SellerAvailability>();
        Assert.Equal(SellerStatus.Available, await availability.StatusOfAsync(seller.UserId, default));

        await _ring.MakeBusyAsync(seller);
        Assert.Equal(SellerStatus.Busy, await availability.StatusOfAsync(seller.UserId, default));

        await _ring.Get<PresenceService>().SetAwayAsync(seller, true, default);
        Assert.Equal(SellerStatus.Away, await availability.StatusOfAsync(seller.UserId, default));

        await _ring.Get<PresenceService>().SetAwayAsync(seller, false, default);
        Assert.Equal(SellerStatus.Busy, await availability.StatusOfAsync(seller.UserId, default));
    }

    [Fact]
    public async Task Availability_AfterTheCallEnded_IsAvailableAgain()
    {
        var downtown = await _ring.LocationAsync("downtown");
        var seller = await _ring.AddUserAsync("after@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id);
        await _ring.MakeBusyAsync(seller, CallState.Ended);
        Assert.Equal(SellerStatus.Available, await _ring.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));
    }
}
