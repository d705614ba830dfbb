namespace LiveCall.App.Infrastructure;

public sealed class RateLimitOptions
{
    /// <summary>Form posts to the public account pages (login, forgot password, set password) per client IP and minute.</summary>
    public int AccountPostsPerMinute { get; set; } = 30;
}
