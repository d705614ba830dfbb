using System.Net;
using System.Net.WebSockets;
using LiveCall.App.Infrastructure;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Infrastructure;

/// <summary>
/// Circuits and signaling connections are bounded: a missing URL opens no circuit, a foreign page cannot open a socket,
/// and one address or one user holds at most the configured number of connections.
/// </summary>
public sealed class ConnectionLimitsTests
{
    [Fact]
    public async Task MissingPage_IsAStatic404_ThatOpensNoCircuit()
    {
        await using var app = new LiveCallAppFactory();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync("no/such/page");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", body);
        Assert.DoesNotContain("\"type\":\"server\"", body); // the marker an interactive component leaves for blazor.web.js
    }

    [Theory]
    [InlineData("_blazor")]
    [InlineData("hubs/call")]
    public async Task WebSocket_FromAForeignOrigin_IsRefused_FromTheOwnOriginAccepted(string path)
    {
        await using var app = new LiveCallAppFactory();

        var (foreign, _) = await OpenAsync(app, path, "https://evil.example");
        var (own, socket) = await OpenAsync(app, path, app.BaseAddress.GetLeftPart(UriPartial.Authority));
        socket?.Dispose();

        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, own);
    }

    [Fact]
    public async Task Circuits_BeyondThePerAddressCap_AreRefused_AndAClosedOneFreesItsPlace()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Connections:CircuitsPerAddress"] = "3" } } };
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var (status, socket) = await OpenAsync(app, "_blazor", null);
                Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
                sockets.Add(socket!);
            }

            var (refused, _) = await OpenAsync(app, "_blazor", null);
            await sockets[0].CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            // The server lets go of the closed socket's request a moment after the close handshake.
            var freed = await Eventually.PollAsync(() => OpenAsync(app, "_blazor", null), r => r.Status == HttpStatusCode.SwitchingProtocols, TimeSpan.FromSeconds(10));
            sockets.Add(freed.Socket!);

            Assert.Equal(HttpStatusCode.TooManyRequests, refused);
            Assert.Equal(HttpStatusCode.SwitchingProtocols, freed.Status);
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    /// <summary>
    /// 5,000 circuit sockets from one address against the default cap (200): the cap holds them (each accepted socket
    /// completes the hub handshake, so none is let go by a timeout while the flood runs), the rest get 429, and a client
    /// from another loopback address (127.0.0.2) still gets its circuit, as does the health check.
    /// </summary>
    [Fact]
    public async Task FiveThousandCircuits_FromOneAddress_AreHeldAtTheCap_WhileAnotherAddressStillGetsIn()
    {
        await using var app = new LiveCallAppFactory();
        var cap = new ConnectionOptions().CircuitsPerAddress;
        var origin = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        var held = new System.Collections.Concurrent.ConcurrentBag<ClientWebSocket>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 5_000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
            {
                var (status, socket) = await OpenAsync(app, "_blazor", origin);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (socket is null) return;
                held.Add(socket);
                await socket.SendAsync("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            });

            var (other, otherSocket) = await OpenAsync(app, "_blazor", origin, from: IPAddress.Parse("127.0.0.2"));
            otherSocket?.Dispose();
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            var health = await http.GetAsync("healthz");

            Assert.Equal(cap, statuses.GetValueOrDefault(HttpStatusCode.SwitchingProtocols));
            Assert.Equal(5_000 - cap, statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
            Assert.Equal(HttpStatusCode.SwitchingProtocols, other);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }

    [Fact]
    public async Task AnInteractivePage_WhenTheUsersCircuitsAreUsedUp_SaysSo_InsteadOfStartingAnother()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Connections:CircuitsPerUser"] = "1" } } };
        using var seller = new StaffHttpClient(app.BaseAddress);
        await seller.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);
        var before = await (await seller.GetAsync("")).Content.ReadAsStringAsync();

        var (status, socket) = await OpenAsync(app, "_blazor", null, seller.Cookies);
        using var circuit = socket;
        var after = await (await seller.GetAsync("")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
        Assert.Contains("\"type\":\"server\"", before);
        Assert.Contains("data-testid=\"too-many-windows\"", after);
        Assert.Contains("Too many LiveCall windows are open", after);
        Assert.DoesNotContain("\"type\":\"server\"", after);
    }

    [Fact]
    public async Task SignalingConnections_BeyondThePerUserCap_AreRefused()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Connections:HubConnectionsPerUser"] = "2" } } };
        using var login = new StaffHttpClient(app.BaseAddress);
        await login.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);
        await using var first = await SignalingTestClient.ConnectAsync(app.BaseAddress, login.Cookies);
        await using var second = await SignalingTestClient.ConnectAsync(app.BaseAddress, login.Cookies);

        var third = await Record.ExceptionAsync(() => SignalingTestClient.ConnectAsync(app.BaseAddress, login.Cookies));

        Assert.NotNull(third);
        Assert.Contains("429", third.ToString());
        await using var stranger = await SignalingTestClient.ConnectAsync(app.BaseAddress); // another user (anonymous) still gets in
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, stranger.Connection.State);
    }

    /// <summary>A raw WebSocket to the app (no negotiate step: SignalR accepts WebSockets without one); the HTTP status of the upgrade.</summary>
    /// <summary>Opens a WebSocket to <paramref name="path"/>; with <paramref name="from"/> its TCP connection leaves from that local address.</summary>
    private static async Task<(HttpStatusCode Status, ClientWebSocket? Socket)> OpenAsync(LiveCallAppFactory app, string path, string? origin,
        CookieContainer? cookies = null, IPAddress? from = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (from is null) socket.Options.Cookies = cookies; // with a source address the handler carries them
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(new Uri(app.BaseAddress, path)) { Scheme = "ws" }.Uri;
        try
        {
            if (from is null) await socket.ConnectAsync(uri, CancellationToken.None);
            else await SourceAddress.ConnectAsync(socket, uri, from, cookies, CancellationToken.None);
            return (socket.HttpStatusCode, socket);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return (status, null);
        }
    }
}
