namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Capped exponential backoff with jitter ("equal jitter": half fixed, half random).</summary>
public static class RetryPolicy
{
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + random.NextDouble() * half);
    }

    /// <summary>The later of the backoff and what the provider asked for.</summary>
    public static DateTime NextAttempt(DateTime nowUtc, TimeSpan backoff, DateTimeOffset? providerRetryAt)
    {
        var next = nowUtc + backoff;
        return providerRetryAt is { } at && at.UtcDateTime > next ? at.UtcDateTime : next;
    }
}
