using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Refuses hub requests from a browser page of another origin (WebSockets are not covered by CORS).
/// Requests without an Origin header (non-browser clients) still need a login or an access token.
/// </summary>
public sealed partial class SignalingOriginCheck(RequestDelegate next, IOptions<SignalingOptions> options, ILogger<SignalingOriginCheck> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowed(origin, context.Request)) return next(context);
        LogRefused(origin.Length > 100 ? origin[..100] : origin);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("Origin not allowed."); // a body, so status code pages leave it alone
    }

    private bool IsAllowed(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || options.Value.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(LogLevel.Warning, "Refused signaling request from origin {Origin}")]
    private partial void LogRefused(string origin);
}
