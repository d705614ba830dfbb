namespace LiveCall.Core.Notifications.Outbox;

public enum DeliveryOutcome
{
    /// <summary>Accepted by the provider.</summary>
    Sent,
    /// <summary>A passing failure: try again later.</summary>
    Retry,
    /// <summary>Refused for good; retrying cannot help.</summary>
    Permanent,
    /// <summary>The channel has no credentials: keep the message for the Outbox page.</summary>
    NotConfigured,
}

/// <summary>What one delivery attempt came to.</summary>
/// <param name="RetryAtUtc">Earliest next attempt the provider asked for (Retry-After, X-RateLimit-Reset).</param>
/// <param name="PauseChannel">The whole channel is rate limited until <paramref name="RetryAtUtc"/>.</param>
public sealed record DeliveryResult(
    DeliveryOutcome Outcome,
    string? ProviderMessageId = null,
    string? Error = null,
    DateTimeOffset? RetryAtUtc = null,
    bool PauseChannel = false)
{
    public static DeliveryResult Sent(string? providerMessageId) => new(DeliveryOutcome.Sent, providerMessageId);
    public static DeliveryResult Retry(string error, DateTimeOffset? retryAtUtc = null, bool pauseChannel = false) =>
        new(DeliveryOutcome.Retry, Error: error, RetryAtUtc: retryAtUtc, PauseChannel: pauseChannel);
    public static DeliveryResult Permanent(string error) => new(DeliveryOutcome.Permanent, Error: error);
    public static DeliveryResult NotConfigured { get; } = new(DeliveryOutcome.NotConfigured, Error: "channel not configured");
}
