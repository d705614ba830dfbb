using LiveCall.Core.Calls;
using LiveCall.Core.Calls.FollowUp;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Missed calls and callback requests: stored with the customer's contact, listed per tenant, "Done" once.</summary>
public sealed class CallbackServiceTests : IAsyncLifetime
{
    private ServiceHost _host = default!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A second dealer with its own seller, to prove that nobody sees another dealer's customers.</summary>
    private async Task<TenantScope> OtherDealerSellerAsync()
    {
        var dealer = await _host.Data.AddDealerAsync("Rival Cars", "rival-cars");
        var location = await _host.Data.AddLocationAsync(dealer.Id, "Harbour", "harbour");
        return await _host.Data.AddUserAsync("rival@livecall.test", StaffRole.Seller, dealer.Id, location.Id, displayName: "Rita Rival");
    }

    private async Task<int> CountRequestsAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.CallbackRequests.CountAsync();
    }

    [Fact]
    public async Task UnansweredCall_WithContactAtStart_IsListedWithItAndPrefillsFollowUpWithTheMobile()
    {
        // Nobody has a dashboard open: the call is recorded as unanswered at once.
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown",
            new CustomerContactInput("Clara Kunde", "0151 2345 6789", "clara@example.com"), CustomerKeys.None, default);
        Assert.Equal(RingRefusal.NoSellerAvailable, start.Refusal);

        var seller = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var item = Assert.Single(await _host.Get<CallbackService>().ListOpenAsync(seller, null, null, 10, default));
        Assert.Equal(MissedKind.MissedCall, item.Kind);
        Assert.Equal(("Clara Kunde", "+4915123456789", "clara@example.com"), (item.Name, item.Phone, item.Email));
        Assert.Equal(CallState.Unanswered, item.CallState);

        var prefill = await _host.Get<FollowUpService>().PrefillAsync(seller, start.CallId!.Value, default);
        Assert.Equal(new GuestInvitationInput(InvitationChannel.Sms, "Clara Kunde", "+4915123456789"), prefill);
    }

    [Fact]
    public async Task CallbackAfterUnansweredCall_IsTiedToTheCall_ListedOnce_AndSendingTwiceKeepsOne()
    {
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        var callbacks = _host.Get<CallbackService>();

        await callbacks.CreateAsync("demo-motors", "downtown", new CustomerContactInput("Clara Kunde", null, "old@example.com"), start.CustomerToken, default);
        var second = await callbacks.CreateAsync("demo-motors", "downtown",
            new CustomerContactInput("Clara Kunde", "+49 151 23456789", null, "About the blue estate car"), start.CustomerToken, default);

        Assert.Equal(CallbackRefusal.None, second.Refusal);
        Assert.Equal(1, await CountRequestsAsync());
        var item = Assert.Single(await callbacks.ListOpenAsync(await _host.Data.ScopeOfAsync(TestData.Seller2), null, null, 10, default));
        Assert.Equal((MissedKind.Callback, start.CallId, "+4915123456789", "About the blue estate car", CallState.Unanswered),
            (item.Kind, item.CallId, item.Phone, item.Note, item.CallState));
    }

    [Theory]
    [InlineData("Clara", "", "", "phone", CustomerContactRules.ContactNeeded)]
    [InlineData("Clara", "12", "", "phone", "Error.MobileInvalid")]
    [InlineData("Clara", "", "not-an-address", "email", "Error.EmailInvalid")]
    [InlineData("", "+4915123456789", "", "name", "Error.Required")]
    public async Task CallbackRequest_WithoutAUsableContactOrName_IsRefusedWithTheFieldAndSavesNothing(string name, string phone, string email, string field, string key)
    {
        var result = await _host.Get<CallbackService>().CreateAsync("demo-motors", "airport", new CustomerContactInput(name, phone, email), null, default);

        Assert.Equal(CallbackRefusal.Invalid, result.Refusal);
        Assert.Equal(key, result.FieldErrors[field]);
        Assert.Equal(0, await CountRequestsAsync());
    }

    [Fact]
    public async Task CallbackRequest_ForAnUnknownOrDeactivatedLocation_IsRefused()
    {
        var callbacks = _host.Get<CallbackService>();
        Assert.Equal(CallbackRefusal.UnknownLocation,
            (await callbacks.CreateAsync("demo-motors", "nowhere", new CustomerContactInput("Clara", "+4915123456789", null), null, default)).Refusal);

        await using (var db = await _host.DbAsync())
        {
            (await db.Locations.SingleAsync(l => l.Slug == "airport")).IsActive = false;
            await db.SaveChangesAsync();
        }
        Assert.Equal(CallbackRefusal.Inactive,
            (await callbacks.CreateAsync("demo-motors", "airport", new CustomerContactInput("Clara", "+4915123456789", null), null, default)).Refusal);
        Assert.Equal(0, await CountRequestsAsync());
    }

    [Fact]
    public async Task OpenList_ShowsOnlyTheUsersLocationOrDealer_NeverAnotherDealers()
    {
        var callbacks = _host.Get<CallbackService>();
        var rival = await OtherDealerSellerAsync();
        await callbacks.CreateAsync("demo-motors", "downtown", new CustomerContactInput("Downtown Dora", "+4915123456789", null), null, default);
        await callbacks.CreateAsync("demo-motors", "airport", new CustomerContactInput("Airport Anton", "+4915123456788", null), null, default);
        await callbacks.CreateAsync("rival-cars", "harbour", new CustomerContactInput("Harbour Hanna", "+4915123456787", null), null, default);

        async Task<string[]> NamesAsync(TenantScope scope, Guid? dealer = null) =>
            (await callbacks.ListOpenAsync(scope, dealer, null, 10, default)).Select(i => i.Name).Order().ToArray();

        Assert.Equal(["Downtown Dora"], await NamesAsync(await _host.Data.ScopeOfAsync(TestData.Seller1)));
        Assert.Equal(["Airport Anton", "Downtown Dora"], await NamesAsync(await _host.Data.ScopeOfAsync(TestData.DealerAdmin)));
        Assert.Equal(["Harbour Hanna"], await NamesAsync(rival));
        // A crafted dealer filter cannot widen a dealer admin's view.
        Assert.Empty(await NamesAsync(await _host.Data.ScopeOfAsync(TestData.DealerAdmin), rival.DealerId));
        Assert.Equal(3, (await NamesAsync(await _host.Data.ScopeOfAsync(TestData.PlatformAdmin))).Length);
    }

    [Fact]
    public async Task Done_RemovesTheItemOnce_AndAnotherDealersSellerCannotTouchIt()
    {
        var callbacks = _host.Get<CallbackService>();
        var rival = await OtherDealerSellerAsync();
        var start = await _host.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        var request = await callbacks.CreateAsync("demo-motors", "downtown", new CustomerContactInput("Clara Kunde", "+4915123456789", null), start.CustomerToken, default);
        var seller = await _host.Data.ScopeOfAsync(TestData.Seller1);

        Assert.False(await callbacks.MarkDoneAsync(MissedKind.Callback, request.Id!.Value, rival, default));
        Assert.False(await callbacks.MarkDoneAsync(MissedKind.MissedCall, start.CallId!.Value, rival, default));
        Assert.True(await callbacks.MarkDoneAsync(MissedKind.Callback, request.Id!.Value, seller, default));
        Assert.False(await callbacks.MarkDoneAsync(MissedKind.Callback, request.Id!.Value, seller, default));

        // The request and the unanswered call behind it are both handled: nothing is left open.
        Assert.Empty(await callbacks.ListOpenAsync(seller, null, null, 10, default));
        await using var db = await _host.DbAsync();
        Assert.Equal(seller.UserId, (await db.Calls.SingleAsync(c => c.Id == start.CallId)).HandledByUserId);
    }

    [Fact]
    public async Task CancelledCalls_AreListed_AnsweredOnesAreNot()
    {
        var incoming = _host.Get<IncomingCallService>();
        await _host.Get<PresenceService>().OpenAsync("circuit-1", "test", await _host.Data.ScopeOfAsync(TestData.Seller1), default);
        var cancelled = await incoming.StartAsync("demo-motors", "downtown", "Gave Up", default);
        await incoming.CancelAsync(cancelled.CallId!.Value, default);
        var answered = await incoming.StartAsync("demo-motors", "downtown", "Got Through", default);
        await incoming.AcceptAsync(answered.CallId!.Value, await _host.Data.ScopeOfAsync(TestData.Seller1), default);

        var item = Assert.Single(await _host.Get<CallbackService>().ListOpenAsync(await _host.Data.ScopeOfAsync(TestData.Seller2), null, null, 10, default));
        Assert.Equal(("Gave Up", CallState.Cancelled), (item.Name, item.CallState));
    }
}
