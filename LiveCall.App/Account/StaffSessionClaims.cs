using System.Security.Claims;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace LiveCall.App.Account;

/// <summary>Reads the <see cref="StaffSession"/> a sign-in cookie carries.</summary>
public static class StaffSessionClaims
{
    /// <summary>The session of a signed-in staff user, or null for anyone else. A cookie without a stamp never holds.</summary>
    public static StaffSession? From(ClaimsPrincipal user, IdentityOptions options)
    {
        var id = user.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        var stamp = user.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return id is null || stamp is null ? null : new StaffSession(id, stamp);
    }
}
