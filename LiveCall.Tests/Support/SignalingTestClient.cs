using System.Net;
using System.Threading.Channels;
using LiveCall.App.Calls.Signaling;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCall.Tests.Support;

/// <summary>A SignalR .NET client of the call hub that records everything the server sends it.</summary>
public sealed class SignalingTestClient : IAsyncDisposable
{
    private readonly Channel<(string Method, object?[] Args)> _received = Channel.CreateUnbounded<(string, object?[])>();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SignalingTestClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<ParticipantInfo>(nameof(ISignalingClient.ParticipantJoined), p => Record(nameof(ISignalingClient.ParticipantJoined), p));
        connection.On<Guid>(nameof(ISignalingClient.ParticipantLeft), id => Record(nameof(ISignalingClient.ParticipantLeft), id));
        connection.On<Guid, SessionDescription>(nameof(ISignalingClient.Description), (from, d) => Record(nameof(ISignalingClient.Description), from, d));
        connection.On<Guid, IceCandidate>(nameof(ISignalingClient.Candidate), (from, c) => Record(nameof(ISignalingClient.Candidate), from, c));
        connection.On<ChatMessage>(nameof(ISignalingClient.Chat), m => Record(nameof(ISignalingClient.Chat), m));
        connection.On<Guid, MediaState>(nameof(ISignalingClient.MediaStateChanged), (id, m) => Record(nameof(ISignalingClient.MediaStateChanged), id, m));
        connection.On<string>(nameof(ISignalingClient.Error), code => Record(nameof(ISignalingClient.Error), code));
        connection.Closed += error => { _closed.TrySetResult(error); return Task.CompletedTask; };
    }

    public HubConnection Connection { get; }
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>Connects; with <paramref name="from"/> over WebSockets only, its TCP connection leaving from that loopback address (another client to the app).</summary>
    public static async Task<SignalingTestClient> ConnectAsync(Uri baseAddress, CookieContainer? cookies = null, string? token = null, IPAddress? from = null)
    {
        var connection = from is not null ? SourceAddress.Hub(baseAddress, from, cookies, token) : new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/call"), o =>
            {
                if (cookies is not null) o.Cookies = cookies;
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var client = new SignalingTestClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<JoinResponse> JoinAsync(Guid callId) => Connection.InvokeAsync<JoinResponse>("Join", callId);

    /// <summary>The next message of <paramref name="method"/> (others before it are skipped), within 10 s.</summary>
    public async Task<object?[]> NextAsync(string method)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var (name, args) = await _received.Reader.ReadAsync(timeout.Token);
            if (name == method) return args;
        }
    }

    /// <summary>Everything received so far, without waiting.</summary>
    public List<(string Method, object?[] Args)> Drain()
    {
        var list = new List<(string, object?[])>();
        while (_received.Reader.TryRead(out var item)) list.Add(item);
        return list;
    }

    private void Record(string method, params object?[] args) => _received.Writer.TryWrite((method, args));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
