using LiveCall.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Account;

/// <summary>
/// Re-checks an open circuit's user every 30 seconds: a deactivated user, or one whose security
/// stamp changed (role, location, password), is signed out of the open dashboard too.
/// </summary>
internal sealed class RevalidatingStaffAuthenticationStateProvider(ILoggerFactory loggerFactory, StaffSessions sessions, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StaffSessionClaims.From(authenticationState.User, options.Value) is { } session && await sessions.ScopeAsync(session, cancellationToken) is not null;
}
