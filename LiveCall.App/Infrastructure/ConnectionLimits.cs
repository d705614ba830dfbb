using System.Collections.Concurrent;
using System.Security.Claims;
using LiveCall.Core;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// Counts the long-lived requests of Blazor circuits (<c>/_blazor</c>) and call signaling (<c>/hubs/call</c>) per user and
/// per client address, and refuses one over <see cref="ConnectionOptions"/>' caps with 429 and a text before any circuit
/// or hub connection exists. A connection's transport is one GET that lasts as long as it does (WebSocket, server-sent
/// events) or a chain of short ones (long polling), so counting GETs in flight counts connections.
/// </summary>
public sealed partial class ConnectionLimits(RequestDelegate next, IOptions<ConnectionOptions> options, ILogger<ConnectionLimits> logger)
{
    public const string CircuitPath = "/_blazor";
    public const string SignalingPath = "/hubs/call";

    private readonly ConcurrentDictionary<string, int> _open = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var kind = context.Request.Path.StartsWithSegments(CircuitPath) ? "circuit" : "signaling";
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var o = options.Value;
        var keys = new List<(string Key, int Cap)>
        {
            ($"{kind}:addr:{ClientAddress.KeyOf(context)}", kind == "circuit" ? o.CircuitsPerAddress : o.HubConnectionsPerAddress),
        };
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            keys.Add(($"{kind}:user:{userId}", kind == "circuit" ? o.CircuitsPerUser : o.HubConnectionsPerUser));

        var taken = new List<string>();
        try
        {
            foreach (var (key, cap) in keys)
            {
                if (_open.AddOrUpdate(key, 1, (_, n) => n + 1) > cap)
                {
                    Release(key);
                    LogRefused(kind, key.Contains(":user:", StringComparison.Ordinal) ? "user" : "address");
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(context.RequestServices.GetRequiredService<IStringLocalizer<Ui>>()["Connections.TooMany"].Value);
                    return;
                }
                taken.Add(key);
            }
            await next(context);
        }
        finally
        {
            foreach (var key in taken) Release(key);
        }
    }

    private void Release(string key)
    {
        if (_open.AddOrUpdate(key, 0, (_, n) => n - 1) == 0) _open.TryRemove(new KeyValuePair<string, int>(key, 0));
    }

    [LoggerMessage(LogLevel.Warning, "Refused a {Kind} connection: too many open per {Scope}")]
    private partial void LogRefused(string kind, string scope);
}
