namespace LiveCall.Core.Users;

public sealed class AccountOptions
{
    /// <summary>How long an activation (set-password) link of a new account stays valid.</summary>
    public TimeSpan ActivationLinkLifetime { get; set; } = TimeSpan.FromDays(3);
    /// <summary>How long a "Forgot your password?" link stays valid.</summary>
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(2);
}
