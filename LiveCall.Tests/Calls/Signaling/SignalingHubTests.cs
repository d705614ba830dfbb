using System.Net;
using LiveCall.App.Calls.Signaling;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCall.Tests.Calls.Signaling;

public sealed class SignalingHubTests(LiveCallAppFactory app) : IClassFixture<LiveCallAppFactory>, IAsyncLifetime
{
    private static readonly SessionDescription Offer = new("offer", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
    private readonly List<IAsyncDisposable> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task Stranger_WithoutLoginOrToken_CanNeitherJoinNorRelay()
    {
        var call = await app.Data.StartFollowUpAsync();
        var seller = await StaffAsync(TestData.Seller1);
        var sellerId = (await seller.JoinAsync(call.Id)).ParticipantId!.Value;
        var stranger = await ConnectAsync();

        var joined = await stranger.JoinAsync(call.Id);
        await stranger.Connection.InvokeAsync("SendDescription", sellerId, Offer);

        Assert.Equal("not-allowed", joined.Status);
        Assert.Equal("not-in-call", (await stranger.NextAsync(nameof(ISignalingClient.Error)))[0]);
        await AssertNothingArrivesAsync(seller, nameof(ISignalingClient.Description), nameof(ISignalingClient.ParticipantJoined));
    }

    [Fact]
    public async Task Guest_WithTokenOfAnotherCall_CannotJoin_AndAWrongTokenIsRefused()
    {
        var call = await app.Data.StartFollowUpAsync();
        var otherCall = await app.Data.StartFollowUpAsync();
        var invitation = await app.Data.InviteGuestAsync(otherCall.Id);
        var guest = await ConnectAsync(token: invitation.Token);
        var forger = await ConnectAsync(token: invitation.Token[..^2] + "xx");

        Assert.Equal("not-allowed", (await guest.JoinAsync(call.Id)).Status);
        Assert.Equal("not-allowed", (await forger.JoinAsync(otherCall.Id)).Status);
        Assert.Equal("joined", (await guest.JoinAsync(otherCall.Id)).Status);
    }

    [Fact]
    public async Task Relay_ReachesOnlyTheAddressedParticipantOfTheSameCall()
    {
        var call = await app.Data.StartFollowUpAsync();
        var invitation = await app.Data.InviteGuestAsync(call.Id);
        var seller1 = await StaffAsync(TestData.Seller1);
        var seller2 = await StaffAsync(TestData.Seller2);
        var guest = await ConnectAsync(token: invitation.Token);
        var seller1Id = (await seller1.JoinAsync(call.Id)).ParticipantId!.Value;
        await seller2.JoinAsync(call.Id);
        var guestJoin = await guest.JoinAsync(call.Id);

        var otherCall = await app.Data.StartFollowUpAsync();
        var outsider = await ConnectAsync(token: (await app.Data.InviteGuestAsync(otherCall.Id, "Otto Outsider")).Token);
        var outsiderId = (await outsider.JoinAsync(otherCall.Id)).ParticipantId!.Value;

        await seller1.Connection.InvokeAsync("SendDescription", invitation.ParticipantId, Offer);
        await seller1.Connection.InvokeAsync("SendCandidate", outsiderId, new IceCandidate("candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 0, null));

        var received = await guest.NextAsync(nameof(ISignalingClient.Description));
        Assert.Equal("joined", guestJoin.Status);
        Assert.Equal(invitation.ParticipantId, guestJoin.ParticipantId);
        Assert.Equal(seller1Id, received[0]);
        Assert.Equal(Offer.Sdp, ((SessionDescription)received[1]!).Sdp);
        Assert.Equal("unknown-participant", (await seller1.NextAsync(nameof(ISignalingClient.Error)))[0]);
        await AssertNothingArrivesAsync(seller2, nameof(ISignalingClient.Description));
        await AssertNothingArrivesAsync(outsider, nameof(ISignalingClient.Candidate));
    }

    [Fact]
    public async Task OversizedMessage_ClosesTheOffendersConnection_OthersKeepWorking()
    {
        var (_, seller1, seller2, guest, _) = await ThreePartyCallAsync();

        var huge = new SessionDescription("offer", "v=0\r\n" + new string('a', 100 * 1024));
        var send = guest.Connection.SendAsync("SendDescription", Guid.NewGuid(), huge);

        await guest.Closed;
        Assert.Equal(HubConnectionState.Disconnected, guest.Connection.State);
        await AssertRelayWorksAsync(seller1, seller2);
        Assert.Null(await Record.ExceptionAsync(() => send));
    }

    [Fact]
    public async Task SdpOfAnHonestSize_IsRelayed()
    {
        var (_, seller1, seller2, _, _) = await ThreePartyCallAsync();
        var big = new SessionDescription("offer", "v=0\r\n" + new string('a', 20_000));

        await seller1.Connection.InvokeAsync("SendDescription", ParticipantOf(seller2), big);

        Assert.Equal(big.Sdp, ((SessionDescription)(await seller2.NextAsync(nameof(ISignalingClient.Description)))[1]!).Sdp);
    }

    [Fact]
    public async Task JoinOfAnUnknownCall_IsRefusedAsNotFound()
    {
        var seller = await StaffAsync(TestData.Seller1);

        Assert.Equal("not-found", (await seller.JoinAsync(Guid.NewGuid())).Status);
        Assert.Equal(HubConnectionState.Connected, seller.Connection.State);
    }

    [Fact]
    public async Task TooFrequentMessages_CloseTheOffendersConnection_OthersKeepWorking()
    {
        var (_, seller1, seller2, guest, _) = await ThreePartyCallAsync();

        for (var i = 0; i < 1000 && guest.Connection.State == HubConnectionState.Connected; i++)
        {
            try { await guest.Connection.SendAsync("SendChat", "spam " + i); }
            catch (Exception) { break; }
        }

        await guest.Closed;
        await AssertRelayWorksAsync(seller1, seller2);
    }

    [Fact]
    public async Task AThousandMessagesAtOnce_CutOffTheSenderWithAReason_WhileAnotherCallJoinsAndRelays()
    {
        var (_, _, _, flooder, _) = await ThreePartyCallAsync();
        var otherCall = await app.Data.StartFollowUpAsync();
        var first = await app.Data.InviteGuestAsync(otherCall.Id, "Ada");
        var second = await app.Data.InviteGuestAsync(otherCall.Id, "Ben");
        var ada = await ConnectAsync(token: first.Token);
        var ben = await ConnectAsync(token: second.Token);

        for (var i = 0; i < 1000 && flooder.Connection.State == HubConnectionState.Connected; i++)
        {
            try { await flooder.Connection.SendAsync("SendChat", "spam " + i); }
            catch (Exception) { break; }
        }

        Assert.Equal("too-many-messages", (await flooder.NextAsync(nameof(ISignalingClient.Error)))[0]);
        await flooder.Closed;
        Assert.Equal("joined", (await ada.JoinAsync(otherCall.Id)).Status);
        Assert.Equal("joined", (await ben.JoinAsync(otherCall.Id)).Status);
        await AssertRelayWorksAsync(ada, ben);
    }

    [Fact]
    public async Task MalformedMessages_GetAClearError_AndTheConnectionStays()
    {
        var (_, seller1, seller2, _, guestId) = await ThreePartyCallAsync();

        await seller1.Connection.InvokeAsync("SendDescription", guestId, new SessionDescription("rollback", "nonsense"));
        await seller1.Connection.InvokeAsync("SendCandidate", guestId, new IceCandidate("not a candidate", "0", 0, null));

        Assert.Equal("invalid-message", (await seller1.NextAsync(nameof(ISignalingClient.Error)))[0]);
        Assert.Equal("invalid-message", (await seller1.NextAsync(nameof(ISignalingClient.Error)))[0]);
        await AssertRelayWorksAsync(seller1, seller2);
    }

    [Fact]
    public async Task ReconnectingParticipant_GetsItsPlaceBack()
    {
        var (call, seller1, _, guest, guestId) = await ThreePartyCallAsync();
        var roster = app.Get<CallRoster>();

        Assert.True(roster.Drop(guestId));
        await guest.Closed;
        var again = await ConnectAsync(token: _tokens[guestId]);
        var rejoined = await again.JoinAsync(call.Id);
        await seller1.Connection.InvokeAsync("SendDescription", guestId, Offer);

        Assert.Equal("joined", rejoined.Status);
        Assert.Equal(guestId, rejoined.ParticipantId);
        Assert.Equal(2, rejoined.Others!.Count);
        Assert.NotNull(await again.NextAsync(nameof(ISignalingClient.Description)));
        var stored = await app.Data.FindCallAsync(call.Id);
        Assert.Equal(Core.Calls.CallState.Connected, stored!.State);
    }

    [Fact]
    public async Task HubRequestFromAForeignOrigin_IsRefused()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "hubs/call/negotiate?negotiateVersion=1") { Headers = { { "Origin", "https://evil.example" } } };
        using var own = new HttpRequestMessage(HttpMethod.Post, "hubs/call/negotiate?negotiateVersion=1") { Headers = { { "Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority) } } };

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(foreign)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(own)).StatusCode);
    }

    private async Task<(Core.Calls.Call Call, SignalingTestClient Seller1, SignalingTestClient Seller2, SignalingTestClient Guest, Guid GuestId)> ThreePartyCallAsync()
    {
        var call = await app.Data.StartFollowUpAsync();
        var invitation = await app.Data.InviteGuestAsync(call.Id);
        _tokens[invitation.ParticipantId] = invitation.Token;
        var seller1 = await StaffAsync(TestData.Seller1);
        var seller2 = await StaffAsync(TestData.Seller2);
        var guest = await ConnectAsync(token: invitation.Token);
        Assert.Equal("joined", (await seller1.JoinAsync(call.Id)).Status);
        Assert.Equal("joined", (await seller2.JoinAsync(call.Id)).Status);
        Assert.Equal("joined", (await guest.JoinAsync(call.Id)).Status);
        return (call, seller1, seller2, guest, invitation.ParticipantId);
    }

    private readonly Dictionary<Guid, string> _tokens = [];

    private Guid ParticipantOf(SignalingTestClient client) =>
        app.Get<CallRoster>().ByConnection(client.Connection.ConnectionId!)!.ParticipantId;

    private async Task AssertRelayWorksAsync(SignalingTestClient from, SignalingTestClient to)
    {
        await from.Connection.InvokeAsync("SendDescription", ParticipantOf(to), Offer);
        Assert.NotNull(await to.NextAsync(nameof(ISignalingClient.Description)));
        await from.Connection.InvokeAsync("SendChat", "still here");
        Assert.Equal("still here", ((ChatMessage)(await to.NextAsync(nameof(ISignalingClient.Chat)))[0]!).Text);
    }

    /// <summary>After a round trip through the hub (so anything sent before it has arrived), none of <paramref name="methods"/> came.</summary>
    private static async Task AssertNothingArrivesAsync(SignalingTestClient client, params string[] methods)
    {
        await client.Connection.InvokeAsync("SetMediaState", new MediaState(true, true, false));
        Assert.DoesNotContain(client.Drain(), m => methods.Contains(m.Method));
    }

    private async Task<SignalingTestClient> StaffAsync(string email)
    {
        using var login = new StaffHttpClient(app.BaseAddress);
        var (response, _) = await login.LoginAsync(email, LiveCallAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await ConnectAsync(login.Cookies);
    }

    private async Task<SignalingTestClient> ConnectAsync(CookieContainer? cookies = null, string? token = null)
    {
        var client = await SignalingTestClient.ConnectAsync(app.BaseAddress, cookies, token);
        _clients.Add(client);
        return client;
    }
}
