using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LiveCall.Tests.Support;

/// <summary>
/// A user-space network impairment for UDP on loopback (this kernel has no netem): clients send to <see cref="Port"/>,
/// each client gets an upstream socket of its own towards the target (so the target sees one address per client, as
/// through a NAT), and every datagram in either direction is dropped with <see cref="DropRate"/> or delivered after a
/// delay drawn uniformly from <see cref="DelayMin"/>..<see cref="DelayMax"/> (so datagrams also overtake each other, as
/// jitter does). <see cref="Blackhole"/> drops everything, as a network that went away. The draws come from one seeded
/// generator, so a run's loss pattern depends only on the order of the datagrams.
/// </summary>
public sealed class UdpImpairmentProxy : IAsyncDisposable
{
    private readonly UdpClient _listener;
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<IPEndPoint, UdpClient> _upstreams = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new(8291);
    private readonly List<Task> _loops = [];
    private long _forwarded, _dropped;

    public UdpImpairmentProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_listener.Client.LocalEndPoint!).Port;
        _loops.Add(Task.Run(ClientsToTargetAsync));
    }

    public int Port { get; }
    public double DropRate { get; set; } = 0.10;
    public TimeSpan DelayMin { get; set; } = TimeSpan.FromMilliseconds(150);
    public TimeSpan DelayMax { get; set; } = TimeSpan.FromMilliseconds(250);
    public volatile bool Blackhole;

    public long Forwarded => Interlocked.Read(ref _forwarded);
    public long Dropped => Interlocked.Read(ref _dropped);

    private async Task ClientsToTargetAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try { received = await _listener.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; } // an ICMP "port unreachable" from an earlier send
            var client = received.RemoteEndPoint;
            var upstream = _upstreams.GetOrAdd(client, endpoint =>
            {
                var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                lock (_loops) _loops.Add(Task.Run(() => TargetToClientAsync(socket, endpoint)));
                return socket;
            });
            Pass(received.Buffer, () => upstream.SendAsync(received.Buffer, _target));
        }
    }

    private async Task TargetToClientAsync(UdpClient upstream, IPEndPoint client)
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try { received = await upstream.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; }
            catch (ObjectDisposedException) { return; }
            Pass(received.Buffer, () => _listener.SendAsync(received.Buffer, client));
        }
    }

    private void Pass(byte[] datagram, Func<ValueTask<int>> send)
    {
        TimeSpan delay;
        lock (_random)
        {
            if (Blackhole || _random.NextDouble() < DropRate)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            delay = DelayMin + (DelayMax - DelayMin) * _random.NextDouble();
        }
        _ = SendLaterAsync(delay, send);
    }

    private async Task SendLaterAsync(TimeSpan delay, Func<ValueTask<int>> send)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
            await send();
            Interlocked.Increment(ref _forwarded);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping, or the peer is gone: a lost datagram, as on a real network
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] loops;
        lock (_loops) loops = [.. _loops];
        await Task.WhenAll(loops);
        _listener.Dispose();
        foreach (var upstream in _upstreams.Values) upstream.Dispose();
        _stop.Dispose();
    }
}
