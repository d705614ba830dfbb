using System.Net;
using System.Net.Sockets;

namespace LiveCall.Tests.Support;

/// <summary>
/// A TCP listener on 127.0.0.1 that accepts connections and never reads or answers: a provider call
/// that hangs before any provider has seen the request. Lets a test kill the app in the middle of a send.
/// </summary>
public sealed class HangingProvider : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public HangingProvider()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Completes when the first client has connected (its request is then waiting for an answer that never comes).</summary>
    public Task Connected => _connected.Task;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_held) _held.Add(socket);
                _connected.TrySetResult();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Stops listening and drops held connections, freeing the port.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _accepting.GetAwaiter().GetResult();
        lock (_held) foreach (var socket in _held) socket.Dispose();
        _stop.Dispose();
    }
}
