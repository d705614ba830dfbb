using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCall.Bench.Outbox;

/// <summary>
/// Vonage's <c>POST /sms/json</c> on Kestrel, 127.0.0.1 and a free port: accepts every message and
/// records when each <c>client-ref</c> arrived (a <see cref="Stopwatch"/> timestamp of this process).
/// </summary>
public sealed class VonageStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _arrivals = new();
    private int _received;
    private int _duplicates;

    private VonageStandIn(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;
    public int Received => Volatile.Read(ref _received);
    /// <summary>Requests whose client-ref had arrived before: a second send of one message.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    public static async Task<VonageStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new VonageStandIn(app);
        app.MapPost("/sms/json", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var now = Stopwatch.GetTimestamp();
            var clientRef = form["client-ref"].ToString();
            if (!standIn._arrivals.TryAdd(clientRef, now)) Interlocked.Increment(ref standIn._duplicates);
            Interlocked.Increment(ref standIn._received);
            return Results.Json(new Dictionary<string, object>
            {
                ["message-count"] = "1",
                ["messages"] = new[]
                {
                    new Dictionary<string, string> { ["to"] = form["to"].ToString(), ["message-id"] = Guid.NewGuid().ToString("N")[..16], ["status"] = "0" },
                },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return standIn;
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
