using System.Security.Cryptography;
using LiveCall.Core;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// The headers every response carries: a Content-Security-Policy (scripts only from this origin, plus the one inline
/// import map by a per-request nonce; styles may be inline because MudBlazor sets style attributes and a theme
/// &lt;style&gt;), no framing, and a Permissions-Policy that grants camera, microphone and screen sharing to the call
/// pages alone.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "livecall:csp-nonce";

    /// <summary>The nonce of this response's inline import map (App.razor).</summary>
    public static string Nonce(HttpContext context) => context.Items[NonceKey] as string ?? "";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var publicAddress = app.Services.GetRequiredService<PublicBaseAddress>();
        app.Use(async (context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy = Policy(nonce, publicAddress.Get());
            headers["Permissions-Policy"] = IsCallPage(context.Request.Path)
                ? "camera=(self), microphone=(self), display-capture=(self)"
                : "camera=(), microphone=(), display-capture=()";
            await next();
        });
        return app;
    }

    /// <summary>The pages that open the camera: the seller's call and test call, the customer's page and call, the guest's page, the accept link's call.</summary>
    public static bool IsCallPage(PathString path) =>
        (path.StartsWithSegments("/call") && !path.StartsWithSegments("/call/ended") && path.Value!.Length > "/call/".Length)
        || path.Equals("/guest", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/r/call");

    private static string Policy(string nonce, Uri publicBase)
    {
        // 'self' covers same-origin WebSockets in current browsers; the public origin's ws(s) is named for the others.
        var socket = (publicBase.Scheme == "https" ? "wss://" : "ws://") + publicBase.Authority;
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' blob:",
            "font-src 'self' data:",
            $"connect-src 'self' {socket}",
            "worker-src 'self'",
            "manifest-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'");
    }
}
