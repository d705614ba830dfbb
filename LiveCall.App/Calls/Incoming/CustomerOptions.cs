using System.ComponentModel.DataAnnotations;

namespace LiveCall.App.Calls.Incoming;

/// <summary>Limits of the public customer entry (per client IP), bound from "Customer".</summary>
public sealed class CustomerOptions
{
    public const string Section = "Customer";

    /// <summary>Customer page loads (entry, call, ended) per minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Customer:PageRequestsPerMinute must be positive.")]
    public int PageRequestsPerMinute { get; set; } = 60;

    /// <summary>Calls to /api/incoming (start, cancel, status, callback) per minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Customer:ApiRequestsPerMinute must be positive.")]
    public int ApiRequestsPerMinute { get; set; } = 60;

    /// <summary>The embed button's status, polled once a minute by every visitor of the dealer's site.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Customer:EmbedStatusPerMinute must be positive.")]
    public int EmbedStatusPerMinute { get; set; } = 120;

    /// <summary>New calls and callback requests per ten minutes: each one rings or notifies real sellers.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Customer:NewRequestsPerTenMinutes must be positive.")]
    public int NewRequestsPerTenMinutes { get; set; } = 10;
}
