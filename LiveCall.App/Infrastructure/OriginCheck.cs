using LiveCall.App.Calls.Signaling;
using LiveCall.Core;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// Refuses circuit (<c>/_blazor</c>) and signaling (<c>/hubs/call</c>) requests from a browser page of another origin
/// (WebSockets are not covered by CORS): allowed are the public base URL's origin, in Development the request's own
/// origin, and for signaling <see cref="SignalingOptions.AllowedOrigins"/>. Requests without an Origin header
/// (non-browser clients) still need a login or an access token.
/// </summary>
public sealed partial class OriginCheck(RequestDelegate next, PublicBaseAddress publicAddress, IHostEnvironment environment,
    IOptions<SignalingOptions> signaling, ILogger<OriginCheck> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowed(origin, context.Request)) return next(context);
        LogRefused(origin.Length > 100 ? origin[..100] : origin, context.Request.Path.Value ?? "");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("Origin not allowed."); // a body, so status code pages leave it alone
    }

    private bool IsAllowed(string origin, HttpRequest request) =>
        Same(origin, publicAddress.Get().GetLeftPart(UriPartial.Authority))
        || (environment.IsDevelopment() && Same(origin, $"{request.Scheme}://{request.Host}"))
        || (request.Path.StartsWithSegments(ConnectionLimits.SignalingPath) && signaling.Value.AllowedOrigins.Any(o => Same(o.TrimEnd('/'), origin)));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(LogLevel.Warning, "Refused a request to {Path} from origin {Origin}")]
    private partial void LogRefused(string origin, string path);
}
