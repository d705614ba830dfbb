using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Users;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>How long an activation (set-password) link of a new account stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Accounts:ActivationLinkLifetime must be between 5 minutes and 30 days.")]
    public TimeSpan ActivationLinkLifetime { get; set; } = TimeSpan.FromDays(3);
    /// <summary>How long a "Forgot your password?" link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "2.00:00:00", ErrorMessage = "Accounts:ResetLinkLifetime must be between 5 minutes and 2 days.")]
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(2);
}
