namespace LiveCall.App.Calls.Incoming;

/// <summary>Limits of the public customer entry (per client IP), bound from "Customer".</summary>
public sealed class CustomerOptions
{
    /// <summary>Customer page loads (entry, call, ended) per minute.</summary>
    public int PageRequestsPerMinute { get; set; } = 60;

    /// <summary>Calls to /api/incoming (start, cancel, status, callback) per minute.</summary>
    public int ApiRequestsPerMinute { get; set; } = 60;

    /// <summary>The embed button's status, polled once a minute by every visitor of the dealer's site.</summary>
    public int EmbedStatusPerMinute { get; set; } = 120;

    /// <summary>New calls and callback requests per ten minutes: each one rings or notifies real sellers.</summary>
    public int NewRequestsPerTenMinutes { get; set; } = 10;
}
