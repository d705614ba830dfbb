using LiveCall.Core.Data;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Users;

/// <summary>
/// Which staff users have an open circuit now, on any instance ("Active users"): one row per circuit in the shared
/// database, refreshed by each instance's heartbeat; rows of a crashed instance age out. Opening the dashboard also
/// starts a seller's duty (<see cref="SellerDuty"/>), which then outlives the circuit.
/// </summary>
public sealed class PresenceService(IDbContextFactory<LiveCallDbContext> dbFactory, ILiveEventBus bus, SellerDuty duty, TimeProvider time)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(95);

    public async Task OpenAsync(string circuitId, string instanceId, TenantScope user, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(new StaffPresence(circuitId, instanceId, user.UserId, user.DealerId, user.LocationId, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await duty.SignedInAsync(user.UserId, cancellationToken);
        await bus.PublishAsync(new PresenceChanged(user.DealerId, user.LocationId, user.UserId), cancellationToken);
    }

    public async Task CloseAsync(string circuitId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<StaffPresence>().AsNoTracking().FirstOrDefaultAsync(p => p.CircuitId == circuitId, cancellationToken);
        if (row is null) return;
        await db.Set<StaffPresence>().Where(p => p.CircuitId == circuitId).ExecuteDeleteAsync(cancellationToken);
        await bus.PublishAsync(new PresenceChanged(row.DealerId, row.LocationId, row.UserId), cancellationToken);
    }

    /// <summary>Marks this instance's open circuits as alive and removes rows nobody refreshed (a crashed instance).</summary>
    public async Task HeartbeatAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<StaffPresence>().Where(p => p.InstanceId == instanceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenUtc, now), cancellationToken);
        var stale = now - StaleAfter;
        if (await db.Set<StaffPresence>().Where(p => p.LastSeenUtc < stale).ExecuteDeleteAsync(cancellationToken) > 0)
            await bus.PublishAsync(new PresenceChanged(null, null), cancellationToken);
    }

    /// <summary>Distinct staff users online in the scope (optionally narrowed to a dealer or location).</summary>
    public async Task<int> CountActiveUsersAsync(TenantScope scope, Guid? dealerId, Guid? locationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow().UtcDateTime - StaleAfter;
        var query = db.Set<StaffPresence>().Where(p => p.LastSeenUtc >= since);
        query = scope.Role switch
        {
            StaffRole.PlatformAdmin => query,
            StaffRole.DealerAdmin => query.Where(p => p.DealerId == scope.DealerId),
            _ => query.Where(p => p.LocationId == scope.LocationId),
        };
        if (dealerId is { } d) query = query.Where(p => p.DealerId == d);
        if (locationId is { } l) query = query.Where(p => p.LocationId == l);
        return await query.Select(p => p.UserId).Distinct().CountAsync(cancellationToken);
    }
}
