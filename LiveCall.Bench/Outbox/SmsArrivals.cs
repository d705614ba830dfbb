using System.Collections.Concurrent;
using System.Diagnostics;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveCall.Bench.Outbox;

/// <summary>
/// The benchmark's Vonage: <c>POST /sms/json</c> on a <see cref="LoopbackServer"/>, answered as <see cref="VonageStandIn"/>
/// answers (both shared with the tests), recording when each <c>client-ref</c> arrived (a <see cref="Stopwatch"/> timestamp of this process).
/// </summary>
public sealed class SmsArrivals : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _arrivals = new();
    private LoopbackServer _server = null!;
    private int _received;
    private int _duplicates;

    private SmsArrivals() { }

    public Uri BaseUri => _server.BaseUri;
    public int Received => Volatile.Read(ref _received);
    /// <summary>Requests whose client-ref had arrived before: a second send of one message.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    public static async Task<SmsArrivals> StartAsync()
    {
        var arrivals = new SmsArrivals();
        arrivals._server = await LoopbackServer.StartAsync(app => app.MapPost("/sms/json", async (HttpRequest request, HttpResponse response) =>
        {
            var form = await request.ReadFormAsync();
            var now = Stopwatch.GetTimestamp();
            if (!arrivals._arrivals.TryAdd(form["client-ref"].ToString(), now)) Interlocked.Increment(ref arrivals._duplicates);
            Interlocked.Increment(ref arrivals._received);
            await VonageStandIn.Status(response, "0");
        }));
        return arrivals;
    }

    public long ArrivalOf(string clientRef) => _arrivals[clientRef];

    /// <summary>Waits until <paramref name="total"/> requests have arrived since start.</summary>
    public async Task WaitForAsync(int total, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Received < total)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"The stand-in got {Received} of {total} requests.");
            await Task.Delay(5, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
