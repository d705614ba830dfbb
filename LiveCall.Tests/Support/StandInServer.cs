using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveCall.Tests.Support;

/// <summary>A recorded request to a stand-in provider.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>A provider played by a <see cref="LoopbackServer"/>: records every request, and the handler decides each answer. Shared with LiveCall.Bench.</summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private LoopbackServer _server = null!;

    private StandInServer() { }

    public Uri BaseUri => _server.BaseUri;
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <param name="respond">Gets the request (body already read) and its 1-based number; writes the answer.</param>
    /// <param name="port">A fixed port on 127.0.0.1; 0 picks a free one.</param>
    public static async Task<StandInServer> StartAsync(Func<RecordedRequest, int, HttpResponse, Task> respond, int port = 0)
    {
        var standIn = new StandInServer();
        var count = 0;
        standIn._server = await LoopbackServer.StartAsync(app => app.Run(async context =>
        {
            using var ms = new MemoryStream();
            await context.Request.Body.CopyToAsync(ms);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, ms.ToArray());
            standIn._requests.Enqueue(recorded);
            await respond(recorded, Interlocked.Increment(ref count), context.Response);
        }), port: port);
        return standIn;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
