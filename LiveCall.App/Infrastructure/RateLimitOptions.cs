using System.ComponentModel.DataAnnotations;

namespace LiveCall.App.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Form posts to the public account pages (login, forgot password, set password) per client IP and minute.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:AccountPostsPerMinute must be positive.")]
    public int AccountPostsPerMinute { get; set; } = 30;
}
