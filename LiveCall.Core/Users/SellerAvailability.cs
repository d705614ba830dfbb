using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Users;

/// <summary>
/// A seller's own availability as the ring sees it: away (the manual toggle) wins over busy (present in a waiting
/// or connected call), which wins over available. The same rules as the seller choice of an incoming call.
/// </summary>
public sealed class SellerAvailability(IDbContextFactory<LiveCallDbContext> dbFactory)
{
    public async Task<SellerStatus> StatusOfAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.Where(u => u.Id == userId).Select(u => u.IsAway).SingleOrDefaultAsync(cancellationToken)) return SellerStatus.Away;
        var busy = await db.CallParticipants.Where(p => p.UserId == userId && p.JoinedUtc != null && p.LeftUtc == null)
            .Join(db.Calls.Where(c => c.State == CallState.Connected || c.State == CallState.Waiting), p => p.CallId, c => c.Id, (p, c) => p.Id)
            .AnyAsync(cancellationToken);
        return busy ? SellerStatus.Busy : SellerStatus.Available;
    }

    /// <summary>Only these roles are ever rung (and so have a presence to show).</summary>
    public static bool IsRung(StaffRole role) => role is StaffRole.Seller or StaffRole.LocationAdmin;
}
