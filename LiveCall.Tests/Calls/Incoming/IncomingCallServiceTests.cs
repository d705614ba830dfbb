using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Ring-all routing settled in the database: who rings, first accept wins, cancel and ring timeout.</summary>
public sealed class IncomingCallServiceTests : IAsyncLifetime
{
    private ServiceHost _host = default!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Start_RingsOnlyTheLocationsSellersWithAnOpenDashboard()
    {
        await _host.Data.OpenDashboardAsync(TestData.Seller1);
        await _host.Data.OpenDashboardAsync(TestData.DealerAdmin); // no location: never rings

        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.True(start.Ringing);
        var ring = Assert.Single(await _host.EventsAsync<RingStarted>());
        Assert.Equal([(await _host.Data.ScopeOfAsync(TestData.Seller1)).UserId], ring.SellerIds);
        Assert.Equal(CallState.Ringing, (await _host.Data.CallAsync(start.CallId!.Value)).State);
        Assert.NotNull(await _host.Get<CallAccessTokens>().ValidateAsync(start.CustomerToken, default));
    }

    [Fact]
    public async Task Start_WithNoSellerOnline_IsUnansweredAtOnce()
    {
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        Assert.Equal(RingRefusal.NoSellerAvailable, start.Refusal);
        Assert.Equal(CallState.Unanswered, (await _host.Data.CallAsync(start.CallId!.Value)).State);
        Assert.Empty(await _host.EventsAsync<RingStarted>());
    }

    [Fact]
    public async Task Start_OutsideOpeningHours_SaysWhenTheLocationOpens()
    {
        _host.Time.SetUtcNow(DateTimeOffset.Parse("2026-11-29T12:00:00Z")); // a Sunday; no timer runs on the way there
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "airport", "Clara Kunde", default);
        Assert.Equal(RingRefusal.Closed, start.Refusal);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:00:00Z"), start.NextOpening); // Monday 08:00 Berlin
        Assert.Null(start.CallId);
    }

    [Theory]
    [InlineData("demo-motors", "nowhere")]
    [InlineData("someone-else", "downtown")]
    public async Task Start_ForAnUnknownLocation_RingsNobody(string dealer, string location) =>
        Assert.Equal(RingRefusal.UnknownLocation, (await _host.Get<IncomingCallService>().StartAsync(dealer, location, "Clara", default)).Refusal);

    [Fact]
    public async Task TenConcurrentAccepts_ExactlyOneWins_AndTheOthersLearnWho()
    {
        await _host.Data.OpenDashboardAsync(TestData.Seller1);
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        var sellers = new[] { await _host.Data.ScopeOfAsync(TestData.Seller1), await _host.Data.ScopeOfAsync(TestData.Seller2) };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            _host.Get<IncomingCallService>().AcceptAsync(start.CallId!.Value, sellers[i % 2], default))));

        var winner = Assert.Single(results, r => r.Outcome == AcceptOutcome.Won);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal((AcceptOutcome.AlreadyTaken, winner.AnsweredBy), (r.Outcome, r.AnsweredBy)));
        var call = await _host.Data.CallAsync(start.CallId!.Value);
        Assert.NotNull(call.AcceptedUtc);
        Assert.Contains(call.AcceptedByUserId, sellers.Select(s => s.UserId));
        Assert.Single(await _host.EventsAsync<RingEnded>());
    }

    [Fact]
    public async Task Accept_ByAnotherDealersSeller_IsNotAllowed()
    {
        await _host.Data.OpenDashboardAsync(TestData.Seller1);
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        var stranger = new TenantScope("x", StaffRole.Seller, Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(AcceptOutcome.NotAllowed, (await _host.Get<IncomingCallService>().AcceptAsync(start.CallId!.Value, stranger, default)).Outcome);
        Assert.Equal(CallState.Ringing, (await _host.Data.CallAsync(start.CallId!.Value)).State);
    }

    [Fact]
    public async Task RingTimeout_EndsTheRingAsUnanswered_AndALateAcceptLoses()
    {
        await _host.Data.OpenDashboardAsync(TestData.Seller1);
        var incoming = _host.Get<IncomingCallService>();
        var start = await incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        _host.Time.Advance(Location.DefaultRingTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await incoming.ExpireDueAsync(default));
        Assert.Equal(CallState.Ringing, (await _host.Data.CallAsync(start.CallId!.Value)).State);

        // At the ring time the sweep ends the ring; sweeping again cannot end it twice.
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await incoming.ExpireDueAsync(default);
        await incoming.ExpireDueAsync(default);
        Assert.Equal(CallState.Unanswered, (await _host.Data.CallAsync(start.CallId!.Value)).State);
        Assert.Equal(CallState.Unanswered, Assert.Single(await _host.EventsAsync<RingEnded>()).Outcome);
        Assert.Equal(AcceptOutcome.NotRinging, (await incoming.AcceptAsync(start.CallId!.Value, await _host.Data.ScopeOfAsync(TestData.Seller1), default)).Outcome);
    }

    [Fact]
    public async Task Cancel_StopsTheRing_AndCannotBeUndoneByAnAccept()
    {
        await _host.Data.OpenDashboardAsync(TestData.Seller1);
        var incoming = _host.Get<IncomingCallService>();
        var start = await incoming.StartAsync("demo-motors", "downtown", "Clara Kunde", default);

        Assert.True(await incoming.CancelAsync(start.CallId!.Value, default));
        Assert.False(await incoming.CancelAsync(start.CallId!.Value, default));

        Assert.Equal(CallState.Cancelled, (await _host.Data.CallAsync(start.CallId!.Value)).State);
        Assert.Equal(AcceptOutcome.NotRinging, (await incoming.AcceptAsync(start.CallId!.Value, await _host.Data.ScopeOfAsync(TestData.Seller2), default)).Outcome);
    }
}
