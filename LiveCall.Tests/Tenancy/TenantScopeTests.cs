using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;

namespace LiveCall.Tests.Tenancy;

public sealed class TenantScopeTests
{
    private static readonly Guid DealerA = Guid.NewGuid(), DealerB = Guid.NewGuid(), LocationA1 = Guid.NewGuid(), LocationA2 = Guid.NewGuid();

    [Fact]
    public void DealerAdmin_ManagesUsersOfOwnDealerOnly()
    {
        var scope = new TenantScope("u", StaffRole.DealerAdmin, DealerA, null);
        Assert.True(scope.CanManageUser(StaffRole.Seller, DealerA, LocationA1));
        Assert.True(scope.CanManageUser(StaffRole.DealerAdmin, DealerA, null));
        Assert.False(scope.CanManageUser(StaffRole.Seller, DealerB, Guid.NewGuid()));
        Assert.False(scope.CanManageUser(StaffRole.PlatformAdmin, null, null));
    }

    [Fact]
    public void LocationAdmin_ManagesOwnLocationUpToOwnRole()
    {
        var scope = new TenantScope("u", StaffRole.LocationAdmin, DealerA, LocationA1);
        Assert.True(scope.CanManageUser(StaffRole.Seller, DealerA, LocationA1));
        Assert.False(scope.CanManageUser(StaffRole.Seller, DealerA, LocationA2));
        Assert.False(scope.CanManageUser(StaffRole.DealerAdmin, DealerA, null));
        Assert.True(scope.CanSeeLocation(DealerA, LocationA1));
        Assert.False(scope.CanSeeLocation(DealerA, LocationA2));
    }

    [Fact]
    public void Seller_ManagesNobody()
    {
        var scope = new TenantScope("u", StaffRole.Seller, DealerA, LocationA1);
        Assert.False(scope.CanManageUser(StaffRole.Seller, DealerA, LocationA1));
        Assert.False(scope.CanManageLocation(DealerA, LocationA1));
    }
}
