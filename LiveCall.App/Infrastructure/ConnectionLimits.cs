using Microsoft.Extensions.Localization;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// Holds a place in <see cref="ConnectionCounter"/> for each long-lived request of a Blazor circuit (<c>/_blazor</c>) or
/// of call signaling (<c>/hubs/call</c>), and refuses one over the caps with 429 and a text before any circuit or hub
/// connection exists. A connection's transport is one GET that lasts as long as it does (WebSocket, server-sent
/// events) or a chain of short ones (long polling), so counting GETs in flight counts connections.
/// </summary>
public sealed partial class ConnectionLimits(RequestDelegate next, ConnectionCounter counter, ILogger<ConnectionLimits> logger)
{
    public const string CircuitPath = "/_blazor";
    public const string SignalingPath = "/hubs/call";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var kind = context.Request.Path.StartsWithSegments(CircuitPath) ? ConnectionCounter.Kind.Circuit : ConnectionCounter.Kind.Signaling;
        if (!counter.TryOpen(context, kind, out var taken))
        {
            LogRefused(kind);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(context.RequestServices.GetRequiredService<IStringLocalizer<Ui>>()["Connections.TooMany"].Value);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            counter.Close(taken);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Refused a {Kind} connection: too many open for its user or address")]
    private partial void LogRefused(ConnectionCounter.Kind kind);
}
