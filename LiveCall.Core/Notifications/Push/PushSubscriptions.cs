using System.Buffers.Text;
using LiveCall.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Notifications.Push;

public enum SubscribeResult { Stored, EndpointNotAllowed, InvalidKeys }

/// <summary>Stores and removes the browsers' push subscriptions (one per user and device).</summary>
public sealed class PushSubscriptions(IDbContextFactory<LiveCallDbContext> dbFactory, PushEndpointPolicy policy, TimeProvider time)
{
    public async Task<SubscribeResult> SubscribeAsync(string userId, string endpoint, string p256dh, string auth, string? userAgent, CancellationToken cancellationToken)
    {
        if (endpoint.Length > 2000 || !policy.IsAllowed(endpoint)) return SubscribeResult.EndpointNotAllowed;
        if (!IsKey(p256dh, 65) || !IsKey(auth, 16)) return SubscribeResult.InvalidKeys;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.Endpoint == endpoint, cancellationToken);
        if (existing is null) db.PushSubscriptions.Add(new PushSubscription(userId, endpoint, p256dh, auth, userAgent, time.GetUtcNow().UtcDateTime));
        else existing.Renew(userId, p256dh, auth, userAgent);
        await db.SaveChangesAsync(cancellationToken);
        return SubscribeResult.Stored;
    }

    public async Task<bool> UnsubscribeAsync(string userId, string endpoint, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PushSubscriptions.Where(s => s.UserId == userId && s.Endpoint == endpoint).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Whether this browser (its endpoint) is subscribed for the user: drives the dashboard warning.</summary>
    public async Task<bool> IsSubscribedAsync(string userId, string endpoint, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PushSubscriptions.AnyAsync(s => s.UserId == userId && s.Endpoint == endpoint, cancellationToken);
    }

    private static bool IsKey(string value, int length)
    {
        if (value.Length > 100 || !Base64Url.IsValid(value, out var decoded)) return false;
        return decoded == length && (length != 65 || Base64Url.DecodeFromChars(value)[0] == 0x04);
    }
}
