using Microsoft.AspNetCore.Identity;

namespace LiveCall.Core.Users;

/// <summary>Only active users may sign in (Identity asks this because RequireConfirmedAccount is on).</summary>
public sealed class ActiveUserConfirmation : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(user.IsActive);
}
