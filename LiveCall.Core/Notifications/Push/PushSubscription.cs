namespace LiveCall.Core.Notifications.Push;

/// <summary>One browser (device) of a staff user that accepts Web Push messages.</summary>
public sealed class PushSubscription
{
    private PushSubscription() { }

    public PushSubscription(string userId, string endpoint, string p256dh, string auth, string? userAgent, DateTime createdUtc)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        Endpoint = endpoint;
        CreatedUtc = createdUtc;
        Renew(userId, p256dh, auth, userAgent);
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>The push service URL (a capability: treat like a secret, never log it).</summary>
    public string Endpoint { get; private set; } = "";
    /// <summary>The browser's P-256 public key, base64url (65 bytes uncompressed).</summary>
    public string P256dh { get; private set; } = "";
    /// <summary>The 16-byte authentication secret, base64url.</summary>
    public string Auth { get; private set; } = "";
    public string? UserAgent { get; private set; }
    public DateTime CreatedUtc { get; private set; }

    /// <summary>The browser re-subscribed (or another user signed in on it): new keys, new owner.</summary>
    public void Renew(string userId, string p256dh, string auth, string? userAgent)
    {
        UserId = userId;
        P256dh = p256dh;
        Auth = auth;
        UserAgent = userAgent is { Length: > 300 } ? userAgent[..300] : userAgent;
    }
}
