using System.Globalization;
using System.Net.Http.Headers;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Reads when a provider wants to be called again: Retry-After (seconds or date), else X-RateLimit-Reset (Unix seconds).</summary>
public static class RateLimitHeaders
{
    public static DateTimeOffset? RetryAt(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta) return now + delta;
            if (retryAfter.Date is { } date) return date;
        }
        if (headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            return DateTimeOffset.FromUnixTimeSeconds(reset);
        }
        return null;
    }
}
