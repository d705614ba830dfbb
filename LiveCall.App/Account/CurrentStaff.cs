using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace LiveCall.App.Account;

/// <summary>The signed-in staff user of this circuit, as a tenant scope (from AuthenticationStateProvider).</summary>
public sealed class CurrentStaff(AuthenticationStateProvider authentication)
{
    public async Task<TenantScope> ScopeAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return TenantScope.From(state.User) ?? throw new UnauthorizedAccessException("No signed-in staff user.");
    }

    public async Task<string> DisplayNameAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(StaffClaims.DisplayName)?.Value ?? state.User.Identity?.Name ?? "";
    }
}
