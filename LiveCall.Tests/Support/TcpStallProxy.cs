using System.Net;
using System.Net.Sockets;

namespace LiveCall.Tests.Support;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of the app, for signaling under a bad network: <see cref="Stall"/> holds every
/// byte in both directions until <see cref="Resume"/> (a connection that hangs without closing), <see cref="CutAll"/>
/// resets every open connection at once (a network that dropped), new connections are accepted throughout.
/// </summary>
public sealed class TcpStallProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Upstream)> _open = [];
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = NewOpenGate();
    private int _accepted, _cut;

    public TcpStallProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public int Accepted => Volatile.Read(ref _accepted);
    public int Cut => Volatile.Read(ref _cut);

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    /// <summary>From now on no byte passes, in either direction, until <see cref="Resume"/>.</summary>
    public void Stall()
    {
        lock (_open) if (_flowing.Task.IsCompleted) _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Resume()
    {
        lock (_open) _flowing.TrySetResult();
    }

    /// <summary>Resets every open connection (RST, no FIN): both ends see the connection fail.</summary>
    public void CutAll()
    {
        lock (_open)
        {
            foreach (var (client, upstream) in _open)
            {
                Reset(client);
                Reset(upstream);
                _cut++;
            }
            _open.Clear();
        }
    }

    private static void Reset(TcpClient tcp)
    {
        try
        {
            tcp.Client.LingerState = new LingerOption(true, 0);
            tcp.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // already closed
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            client.NoDelay = upstream.NoDelay = true;
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            lock (_open) _open.Add((client, upstream));
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // the app or the browser went away
        }
        finally
        {
            lock (_open) _open.Remove((client, upstream));
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                Task gate;
                lock (_open) gate = _flowing.Task;
                await gate.WaitAsync(_stop.Token);
                await sink.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // reset by CutAll, or closed by either end
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }
}
