using LiveCall.App.Infrastructure;
using LiveCall.Core;
using LiveCall.Core.Calls;

namespace LiveCall.App.Calls.FollowUp;

/// <summary>
/// <c>/j/{token}</c>: a guest's personal link. A valid token is exchanged for an HttpOnly cookie and the
/// browser goes on to the clean <c>/guest</c> URL (so the token is not left in history or a Referer).
/// Wrong, expired and revoked links all get the same friendly page; failures are rate-limited per IP.
/// </summary>
public static class GuestLinkEndpoints
{
    public const string CookieName = "livecall.call";

    public static WebApplication MapGuestLinks(this WebApplication app)
    {
        app.MapGet("/j/{token}", async (string token, HttpContext context, CallAccessTokens tokens, CallService calls,
            LinkFailureLimiter failures, CancellationToken cancellationToken) =>
        {
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers.CacheControl = "no-store";
            var ip = ClientAddress.KeyOf(context);
            if (!failures.MayTry(ip)) return Results.Redirect("/guest/invalid");

            var holder = await tokens.ValidateAsync(token, cancellationToken);
            var call = holder is null ? null : await calls.FindAsync(holder.CallId, cancellationToken);
            if (holder is null || call is null || call.State is CallState.Ended or CallState.Cancelled or CallState.Unanswered)
            {
                failures.CountFailure(ip);
                return Results.Redirect("/guest/invalid");
            }
            context.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = !app.Environment.IsDevelopment() || context.Request.IsHttps,
                Path = "/",
                MaxAge = FollowUpLinkMaxAge,
                IsEssential = true,
            });
            return Results.Redirect("/guest");
        }).AllowAnonymous();
        return app;
    }

    private static readonly TimeSpan FollowUpLinkMaxAge = Core.Calls.FollowUp.FollowUpService.LinkLifetime;
}
