using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;

namespace LiveCall.Core.Tenancy;

/// <summary>The tenant filters, as query operators, so no query forgets one.</summary>
public static class TenantQueries
{
    public static IQueryable<Dealer> VisibleTo(this IQueryable<Dealer> dealers, TenantScope scope) =>
        scope.IsPlatformAdmin ? dealers : dealers.Where(d => d.Id == scope.DealerId);

    public static IQueryable<Location> VisibleTo(this IQueryable<Location> locations, TenantScope scope) => scope.Role switch
    {
        StaffRole.PlatformAdmin => locations,
        StaffRole.DealerAdmin => locations.Where(l => l.DealerId == scope.DealerId),
        _ => locations.Where(l => l.Id == scope.LocationId),
    };

    public static IQueryable<StaffUser> VisibleTo(this IQueryable<StaffUser> users, TenantScope scope) => scope.Role switch
    {
        StaffRole.PlatformAdmin => users,
        StaffRole.DealerAdmin => users.Where(u => u.DealerId == scope.DealerId),
        StaffRole.LocationAdmin => users.Where(u => u.DealerId == scope.DealerId && u.LocationId == scope.LocationId),
        _ => users.Where(u => u.Id == scope.UserId),
    };

    public static IQueryable<OutboxMessage> VisibleTo(this IQueryable<OutboxMessage> messages, TenantScope scope) => scope.Role switch
    {
        StaffRole.PlatformAdmin => messages,
        StaffRole.DealerAdmin => messages.Where(m => m.DealerId == scope.DealerId),
        StaffRole.LocationAdmin => messages.Where(m => m.DealerId == scope.DealerId && m.LocationId == scope.LocationId),
        _ => messages.Where(m => false),
    };
}

public static class CallTenantQueries
{
    public static IQueryable<Calls.Call> VisibleTo(this IQueryable<Calls.Call> calls, TenantScope scope) => scope.Role switch
    {
        StaffRole.PlatformAdmin => calls,
        StaffRole.DealerAdmin => calls.Where(c => c.DealerId == scope.DealerId),
        _ => calls.Where(c => c.LocationId == scope.LocationId),
    };

    public static IQueryable<Calls.Incoming.CallbackRequest> VisibleTo(this IQueryable<Calls.Incoming.CallbackRequest> requests, TenantScope scope) =>
        scope.Role switch
        {
            StaffRole.PlatformAdmin => requests,
            StaffRole.DealerAdmin => requests.Where(r => r.DealerId == scope.DealerId),
            _ => requests.Where(r => r.LocationId == scope.LocationId),
        };
}
