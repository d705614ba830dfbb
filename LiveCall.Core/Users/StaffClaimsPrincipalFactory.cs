using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Users;

/// <summary>Puts role, dealer, location, name and language into the sign-in cookie.</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(StaffClaims.Language, user.Language));
        if (user.DealerId is { } d) identity.AddClaim(new Claim(StaffClaims.DealerId, d.ToString()));
        if (user.LocationId is { } l) identity.AddClaim(new Claim(StaffClaims.LocationId, l.ToString()));
        return identity;
    }
}
