namespace LiveCall.Core.Users;

/// <summary>Staff roles, in increasing reach. A role may manage only roles at or below its own.</summary>
public enum StaffRole
{
    Seller = 0,
    LocationAdmin = 1,
    DealerAdmin = 2,
    PlatformAdmin = 3,
}
