using System.Security.Claims;
using LiveCall.Core.Users;

namespace LiveCall.Core.Tenancy;

/// <summary>
/// Who is asking, and how far they reach: a platform admin everything, a dealer admin their dealer,
/// a location admin or seller their location. Every service query filters through this.
/// </summary>
public sealed record TenantScope(string UserId, StaffRole Role, Guid? DealerId, Guid? LocationId)
{
    public bool IsPlatformAdmin => Role == StaffRole.PlatformAdmin;
    public bool IsAdmin => Role >= StaffRole.LocationAdmin;


    public bool CanSeeLocation(Guid dealerId, Guid locationId) =>
        IsPlatformAdmin
        || (Role == StaffRole.DealerAdmin && DealerId == dealerId)
        || (Role <= StaffRole.LocationAdmin && LocationId == locationId);

    /// <summary>Admins may manage locations they see; location admins may edit only their own.</summary>
    public bool CanManageLocation(Guid dealerId, Guid locationId) => IsAdmin && CanSeeLocation(dealerId, locationId);

    /// <summary>A user may be managed by an admin who sees the user's place and outranks or equals the role.</summary>
    public bool CanManageUser(StaffRole role, Guid? dealerId, Guid? locationId)
    {
        if (!IsAdmin || role > Role) return false;
        return Role switch
        {
            StaffRole.PlatformAdmin => true,
            StaffRole.DealerAdmin => dealerId == DealerId,
            StaffRole.LocationAdmin => dealerId == DealerId && locationId == LocationId,
            _ => false,
        };
    }

    /// <summary>
    /// An existing account may be changed by an admin who manages its place and outranks it. Peers (two location admins,
    /// two dealer admins) may each create the other but change only their own account, so that no admin takes over
    /// another's by changing its email and resetting the password. Platform admins change every account.
    /// </summary>
    public bool CanEditUser(string userId, StaffRole role, Guid? dealerId, Guid? locationId) =>
        CanManageUser(role, dealerId, locationId) && OutranksOrIs(userId, role);

    /// <summary>The rank half of <see cref="CanEditUser"/>, for lists already limited to the admin's reach.</summary>
    public bool OutranksOrIs(string userId, StaffRole role) => userId == UserId || role < Role || IsPlatformAdmin;

    public static TenantScope? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || !Enum.TryParse<StaffRole>(principal.FindFirstValue(StaffClaims.Role), out var role)) return null;
        return new TenantScope(id, role, ParseGuid(principal.FindFirstValue(StaffClaims.DealerId)), ParseGuid(principal.FindFirstValue(StaffClaims.LocationId)));
    }

    public static TenantScope For(StaffUser user) => new(user.Id, user.Role, user.DealerId, user.LocationId);

    private static Guid? ParseGuid(string? s) => Guid.TryParse(s, out var g) ? g : null;
}
