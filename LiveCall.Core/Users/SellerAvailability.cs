using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Users;

/// <summary>
/// A seller's availability as the ring sees it, from their duty (<see cref="SellerDuty"/>) and their calls: away wins over
/// busy (present in a waiting or connected call, or accepted and on the way in), which wins over off duty and available.
/// The ring's choice of sellers (<see cref="RingableAsync"/>) follows the same rules.
/// </summary>
public sealed class SellerAvailability(IDbContextFactory<LiveCallDbContext> dbFactory, TimeProvider time)
{
    public async Task<SellerStatus> StatusOfAsync(string userId, CancellationToken cancellationToken) =>
        (await StatusesAsync([userId], cancellationToken)).GetValueOrDefault(userId, SellerStatus.OffDuty);

    /// <summary>The status of each of these users that is rung at all (sellers and location admins); three queries for any number.</summary>
    public async Task<IReadOnlyDictionary<string, SellerStatus>> StatusesAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && (u.Role == StaffRole.Seller || u.Role == StaffRole.LocationAdmin))
            .Join(db.Locations, u => u.LocationId, l => l.Id, (u, l) => new { u.Id, l.ShiftLength })
            .GroupJoin(db.Duty, u => u.Id, d => d.UserId, (u, d) => new { u, d })
            .SelectMany(x => x.d.DefaultIfEmpty(), (x, d) => new { x.u.Id, x.u.ShiftLength, State = d == null ? DutyState.OffDuty : d.State, EndsUtc = d == null ? null : d.EndsUtc, LastSignUtc = d == null ? null : d.LastSignUtc })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var busy = (await BusyAsync(db, ids, cancellationToken)).ToHashSet();
        return users.ToDictionary(u => u.Id, u => SellerDuty.Effective(u.State, u.EndsUtc, u.LastSignUtc, u.ShiftLength, now) switch
        {
            DutyState.Away => SellerStatus.Away,
            _ when busy.Contains(u.Id) => SellerStatus.Busy,
            DutyState.OnDuty => SellerStatus.Available,
            _ => SellerStatus.OffDuty,
        });
    }

    /// <summary>
    /// Who a call at this location rings now: active sellers and location admins of the location who are on duty and not
    /// busy, whether or not a dashboard of theirs is open. Two queries.
    /// </summary>
    public static async Task<List<string>> RingableAsync(LiveCallDbContext db, Location location, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var signedSince = nowUtc - location.ShiftLength;
        var onDuty = await db.Users.Where(u => u.LocationId == location.Id && u.IsActive && (u.Role == StaffRole.Seller || u.Role == StaffRole.LocationAdmin))
            .Join(db.Duty.Where(d => d.State == DutyState.OnDuty && (d.EndsUtc == null || d.EndsUtc > nowUtc) && d.LastSignUtc > signedSince),
                u => u.Id, d => d.UserId, (u, d) => u.Id)
            .ToListAsync(cancellationToken);
        if (onDuty.Count == 0) return onDuty;
        var busy = await BusyAsync(db, onDuty, cancellationToken);
        return onDuty.Except(busy).ToList();
    }

    /// <summary>Of these users, those present in a waiting or connected call, or who accepted a call and are on their way into it.</summary>
    private static Task<List<string>> BusyAsync(LiveCallDbContext db, List<string> userIds, CancellationToken cancellationToken) =>
        db.CallParticipants.Where(p => p.UserId != null && userIds.Contains(p.UserId) && p.JoinedUtc != null && p.LeftUtc == null)
            .Join(db.Calls.Where(c => c.State == CallState.Connected || c.State == CallState.Waiting), p => p.CallId, c => c.Id, (p, c) => p.UserId!)
            .Union(db.Calls.Where(c => c.State == CallState.Waiting && c.AcceptedByUserId != null && userIds.Contains(c.AcceptedByUserId)).Select(c => c.AcceptedByUserId!))
            .Distinct().ToListAsync(cancellationToken);

    /// <summary>Only these roles are ever rung (and so have a presence to show).</summary>
    public static bool IsRung(StaffRole role) => role is StaffRole.Seller or StaffRole.LocationAdmin;
}
