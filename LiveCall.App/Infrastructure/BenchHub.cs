using System.Net;
using Microsoft.AspNetCore.SignalR;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// The bench's baselines inside the app it measures (same process, same core, same Kestrel), mapped only with
/// <c>Bench:Enabled</c>: a bare SignalR hub that echoes a payload and broadcasts it to a group, so that the ring's
/// fan-out into circuits and the signaling relay are set beside what SignalR alone costs for the same bytes.
/// </summary>
public sealed class BenchHub : Hub
{
    public const string Path = "/_bench/hub";

    public override Task OnConnectedAsync()
    {
        if (Context.GetHttpContext()?.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip)) Context.Abort();
        return Task.CompletedTask;
    }

    public byte[] Echo(byte[] payload) => payload;

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    /// <summary>Sends <paramref name="payload"/> to every member of <paramref name="group"/>, as the ring's event reaches every rung circuit.</summary>
    public Task Broadcast(string group, byte[] payload) => Clients.Group(group).SendAsync("Payload", payload);
}
