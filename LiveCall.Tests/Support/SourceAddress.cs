using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCall.Tests.Support;

/// <summary>
/// HTTP and signaling clients whose TCP connections leave from one loopback address (127.0.0.0/8 is all loopback on
/// Linux), so that the app sees many clients, each keyed by its own address as real visitors would be. Shared with
/// LiveCall.Bench as source.
/// </summary>
public static class SourceAddress
{
    public static SocketsHttpHandler Handler(IPAddress from, CookieContainer? cookies = null) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Opens <paramref name="socket"/> to <paramref name="uri"/> from <paramref name="from"/>; cookies go with the handler (ClientWebSocket refuses its own with an invoker).</summary>
    public static async Task ConnectAsync(ClientWebSocket socket, Uri uri, IPAddress from, CookieContainer? cookies, CancellationToken ct)
    {
        // The handler stays with the socket (disposing it could take the connection along).
        var invoker = new HttpMessageInvoker(Handler(from, cookies), disposeHandler: true);
        await socket.ConnectAsync(uri, invoker, ct);
    }

    /// <summary>
    /// A hub connection over WebSockets only (no negotiate round trip, as the browser's call client does after its first
    /// try), from <paramref name="from"/>, with the page's own Origin and, where given, a bearer token.
    /// </summary>
    public static HubConnection Hub(Uri baseAddress, IPAddress from, CookieContainer? cookies, string? bearer = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/call"), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
                    if (bearer is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
                    await ConnectAsync(socket, context.Uri, from, cookies, ct);
                    return socket;
                };
            })
            .Build();
}
