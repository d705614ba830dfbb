using System.Net;
using LiveCall.App.Calls.Signaling;
using LiveCall.Core.Calls;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Calls.Signaling;

/// <summary>
/// A staff user's signaling connection is only as good as their account now: an admin who deactivates or moves a seller
/// takes them out of open calls and out of calls they would join next, on connections opened before the change.
/// </summary>
public sealed class StaffReauthorizationTests(LiveCallAppFactory app) : IClassFixture<LiveCallAppFactory>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task DeactivatedSeller_IsTakenOutOfTheirOpenCall_AndTheirRejoinIsRefused()
    {
        var (seller, cookies) = await NewSellerAsync("deactivated.seller@livecall.demo");
        var call = await app.Get<CallService>().StartFollowUpAsync(seller, CancellationToken.None);
        var invitation = await app.Data.InviteGuestAsync(call.Id);
        var sellerClient = await ConnectAsync(cookies);
        var guest = await ConnectAsync(token: invitation.Token);
        var sellerJoin = await sellerClient.JoinAsync(call.Id);
        Assert.Equal("joined", sellerJoin.Status);
        Assert.Equal("joined", (await guest.JoinAsync(call.Id)).Status);

        await UpdateAsync(seller, active: false, locationSlug: "downtown");
        await app.Get<StaffSeatCheck>().CheckAsync(CancellationToken.None);

        Assert.Equal("signed-out", (await sellerClient.NextAsync(nameof(ISignalingClient.Error)))[0]);
        await sellerClient.Closed;
        Assert.Equal(sellerJoin.ParticipantId, (await guest.NextAsync(nameof(ISignalingClient.ParticipantLeft)))[0]);
        var stored = await app.Data.CallAsync(call.Id);
        Assert.NotNull(stored.Participants.Single(p => p.Id == sellerJoin.ParticipantId).LeftUtc);
        Assert.NotNull(app.Get<CallRoster>().ByConnection(guest.Connection.ConnectionId!));

        var again = await ConnectAsync(cookies);
        Assert.Equal("not-allowed", (await again.JoinAsync(call.Id)).Status);
    }

    [Fact]
    public async Task SeatCheck_LeavesSellersWhoseAccountIsUnchanged_InTheirCall()
    {
        var (seller, cookies) = await NewSellerAsync("unchanged.seller@livecall.demo");
        var call = await app.Get<CallService>().StartFollowUpAsync(seller, CancellationToken.None);
        var client = await ConnectAsync(cookies);
        Assert.Equal("joined", (await client.JoinAsync(call.Id)).Status);

        await app.Get<StaffSeatCheck>().CheckAsync(CancellationToken.None);

        Assert.NotNull(app.Get<CallRoster>().ByConnection(client.Connection.ConnectionId!));
        Assert.DoesNotContain(client.Drain(), m => m.Method == nameof(ISignalingClient.Error));
    }

    [Fact]
    public async Task SellerMovedToAnotherLocation_CannotJoinTheOldLocationsCall_OnAConnectionOpenedBefore()
    {
        var (seller, cookies) = await NewSellerAsync("moved.seller@livecall.demo");
        var call = await app.Get<CallService>().StartFollowUpAsync(seller, CancellationToken.None);
        var client = await ConnectAsync(cookies);

        await UpdateAsync(seller, active: true, locationSlug: "airport");

        Assert.Equal("not-allowed", (await client.JoinAsync(call.Id)).Status);
    }

    [Fact]
    public async Task AcceptLinkToken_OfADeactivatedSeller_AdmitsNoOne()
    {
        var (seller, _) = await NewSellerAsync("link.seller@livecall.demo");
        var call = await app.Get<CallService>().StartFollowUpAsync(await app.Data.ScopeOfAsync(TestData.Seller1), CancellationToken.None);
        var tokens = app.Get<CallAccessTokens>();
        var invitation = await tokens.MintForSellerAsync(call.Id, seller.UserId, "Link Seller", TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.NotNull(await tokens.ValidateAsync(invitation.Token, CancellationToken.None));

        await UpdateAsync(seller, active: false, locationSlug: "downtown");

        Assert.Null(await tokens.ValidateAsync(invitation.Token, CancellationToken.None));
        var client = await ConnectAsync(token: invitation.Token);
        Assert.Equal("not-allowed", (await client.JoinAsync(call.Id)).Status);
    }

    [Fact]
    public async Task StaffWhoWereNotRung_CannotAnswerARingingCallByJoiningIt()
    {
        var callId = await app.Data.RingAsync("Rita Ringing", TestData.Seller1);
        using var login = new StaffHttpClient(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await login.LoginAsync(TestData.DealerAdmin, TestData.DemoPassword)).Response.StatusCode);
        var admin = await ConnectAsync(login.Cookies);

        Assert.Equal("not-allowed", (await admin.JoinAsync(callId)).Status);

        var call = await app.Data.CallAsync(callId);
        Assert.Equal(CallState.Ringing, call.State);
        Assert.Null(call.AcceptedByUserId);
        Assert.DoesNotContain(call.Participants, p => p.Kind == ParticipantKind.Staff && p.JoinedUtc != null);
    }

    private async Task<(TenantScope Scope, CookieContainer Cookies)> NewSellerAsync(string email)
    {
        var downtown = await app.Data.LocationAsync("downtown");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = StaffUser.Create(email, email.Split('@')[0], StaffRole.Seller, downtown.DealerId, downtown.Id, DateTime.UtcNow);
            Assert.True((await users.CreateAsync(user, TestData.DemoPassword)).Succeeded);
        }
        using var login = new StaffHttpClient(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await login.LoginAsync(email, TestData.DemoPassword)).Response.StatusCode);
        return (await app.Data.ScopeOfAsync(email), login.Cookies);
    }

    /// <summary>A platform admin saves the seller's form: active or not, at the given location of the demo dealer.</summary>
    private async Task UpdateAsync(TenantScope seller, bool active, string locationSlug)
    {
        var location = await app.Data.LocationAsync(locationSlug);
        await using var db = await app.DbAsync();
        var user = await db.Users.FindAsync(seller.UserId) ?? throw new InvalidOperationException("no seller");
        var input = new UserInput(user.Email!, user.DisplayName, user.Mobile, user.Role, location.DealerId, location.Id, user.Language, active);
        var result = await app.Get<UserAdminService>().UpdateAsync(await app.Data.ScopeOfAsync(TestData.PlatformAdmin), seller.UserId, input, CancellationToken.None);
        Assert.True(result.Outcome == Core.Admin.AdminOutcome.Ok, string.Join(", ", result.Errors.Values));
    }

    private async Task<SignalingTestClient> ConnectAsync(CookieContainer? cookies = null, string? token = null)
    {
        var client = await SignalingTestClient.ConnectAsync(app.BaseAddress, cookies, token);
        _clients.Add(client);
        return client;
    }
}
