using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCall.Tests.Support;

/// <summary>A recorded request to a stand-in provider.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>A real Kestrel server on 127.0.0.1 and a free port that plays a provider; the handler decides each answer.</summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private StandInServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <param name="respond">Gets the request (body already read) and its 1-based number; writes the answer.</param>
    /// <param name="port">A fixed port on 127.0.0.1; 0 picks a free one.</param>
    public static async Task<StandInServer> StartAsync(Func<RecordedRequest, int, HttpResponse, Task> respond, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StandInServer(app);
        var count = 0;
        app.Run(async context =>
        {
            using var ms = new MemoryStream();
            await context.Request.Body.CopyToAsync(ms);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, ms.ToArray());
            server._requests.Enqueue(recorded);
            await respond(recorded, Interlocked.Increment(ref count), context.Response);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
