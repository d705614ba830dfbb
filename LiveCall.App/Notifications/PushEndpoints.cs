using System.Security.Claims;
using LiveCall.Core.Notifications.Push;

namespace LiveCall.App.Notifications;

/// <summary>The browser side of Web Push: the VAPID public key and the signed-in user's subscriptions.</summary>
internal static class PushEndpoints
{
    /// <summary>A subscription is an endpoint URL and two short keys.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public sealed record SubscriptionKeys(string P256dh, string Auth);
    public sealed record SubscriptionBody(string Endpoint, SubscriptionKeys Keys);
    public sealed record EndpointBody(string Endpoint);

    public static async Task<IResult> GetPublicKeyAsync(VapidKeyStore keys, CancellationToken cancellationToken) =>
        Results.Ok(new { publicKey = await keys.GetPublicKeyAsync(cancellationToken) });

    public static async Task<IResult> SubscribeAsync(SubscriptionBody body, ClaimsPrincipal user, HttpRequest request,
        PushSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId) return Results.Unauthorized();
        if (body.Keys is null || string.IsNullOrEmpty(body.Endpoint)) return Results.BadRequest();
        var result = await subscriptions.SubscribeAsync(userId, body.Endpoint, body.Keys.P256dh, body.Keys.Auth,
            request.Headers.UserAgent.ToString(), cancellationToken);
        return result == SubscribeResult.Stored ? Results.NoContent() : Results.BadRequest(new { error = result.ToString() });
    }

    public static async Task<IResult> UnsubscribeAsync(EndpointBody body, ClaimsPrincipal user, PushSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId) return Results.Unauthorized();
        await subscriptions.UnsubscribeAsync(userId, body.Endpoint, cancellationToken);
        return Results.NoContent();
    }

    public static async Task<IResult> StatusAsync(EndpointBody body, ClaimsPrincipal user, PushSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId) return Results.Unauthorized();
        return Results.Ok(new { subscribed = await subscriptions.IsSubscribedAsync(userId, body.Endpoint, cancellationToken) });
    }

    private static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
