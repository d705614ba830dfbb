using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Users;

/// <summary>
/// A seller's duty: it starts when they sign in, open the dashboard or say "I'm available", and lasts until they choose
/// Away or log out, their location closes for the day, or a shift length passes without any sign of them. It is kept in
/// the profile, so a closed tab, a sleeping laptop or a restart of the app do not end it. Only sellers and location
/// admins have one (only they are rung).
/// </summary>
public sealed partial class SellerDuty(IDbContextFactory<LiveCallDbContext> dbFactory, ILiveEventBus bus, TimeProvider time, ILogger<SellerDuty> logger)
{
    /// <summary>What a stored duty means now: a duty whose closing time passed or whose shift ran out is off duty.</summary>
    public static DutyState Effective(DutyState stored, DateTime? endsUtc, DateTime? lastSignUtc, TimeSpan shiftLength, DateTime nowUtc) =>
        stored == DutyState.OffDuty || endsUtc <= nowUtc || lastSignUtc is not { } sign || sign + shiftLength <= nowUtc ? DutyState.OffDuty : stored;

    /// <summary>Signed in or opened the dashboard: starts a duty when they were off; otherwise only a sign of them (Away stays Away).</summary>
    public Task SignedInAsync(string userId, CancellationToken cancellationToken) => ChangeAsync(userId, Change.Sign, cancellationToken);

    /// <summary>"I'm available" (presence menu, accept page): on duty, from Away or off duty alike.</summary>
    public Task SetAvailableAsync(string userId, CancellationToken cancellationToken) => ChangeAsync(userId, Change.Available, cancellationToken);

    /// <summary>"Away" / "I'm away for today": not rung until they are available again or the duty ends.</summary>
    public Task SetAwayAsync(string userId, CancellationToken cancellationToken) => ChangeAsync(userId, Change.Away, cancellationToken);

    /// <summary>Logged out or chose "Off duty".</summary>
    public Task EndAsync(string userId, CancellationToken cancellationToken) => ChangeAsync(userId, Change.End, cancellationToken);

    private enum Change { Sign, Available, Away, End }

    private async Task ChangeAsync(string userId, Change change, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Role, u.DealerId, u.LocationId }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || !SellerAvailability.IsRung(user.Role) || user.LocationId is not { } locationId) return;
        var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == locationId, cancellationToken);
        var duty = await db.Duty.SingleOrDefaultAsync(d => d.UserId == userId, cancellationToken);
        if (duty is null) db.Duty.Add(duty = new StaffDuty(userId));
        var before = Effective(duty.State, duty.EndsUtc, duty.LastSignUtc, location.ShiftLength, now.UtcDateTime);
        var after = change switch
        {
            Change.Sign => before == DutyState.OffDuty ? DutyState.OnDuty : before,
            Change.Available => DutyState.OnDuty,
            Change.Away => DutyState.Away,
            _ => DutyState.OffDuty,
        };
        // A new duty lasts until the location closes: today's closing while open, else that of the next opening.
        if (before == DutyState.OffDuty && after != DutyState.OffDuty) duty.EndsUtc = NextClosing(location, now);
        if (after == DutyState.OffDuty) duty.EndsUtc = null;
        duty.State = after;
        duty.LastSignUtc = now.UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(duty).State == EntityState.Added)
        {
            // Another device created the row at the same moment (first sign-in on two devices): the latest word wins.
            await using var retry = await dbFactory.CreateDbContextAsync(cancellationToken);
            await retry.Duty.Where(d => d.UserId == userId).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, duty.State).SetProperty(d => d.EndsUtc, duty.EndsUtc).SetProperty(d => d.LastSignUtc, duty.LastSignUtc), cancellationToken);
        }
        if (after != before)
        {
            LogChanged(logger, userId, before, after);
            await bus.PublishAsync(new PresenceChanged(user.DealerId, user.LocationId, userId), cancellationToken);
        }
    }

    private static DateTime? NextClosing(Location location, DateTimeOffset now) => location.OpeningHours.NextClosing(now, location.TimeZone)?.UtcDateTime;

    /// <summary>
    /// An instance's heartbeat: its open dashboards are a sign of their sellers, so their shift goes on; a duty that ran
    /// out (closing time, or the shift passed before the dashboard came back) is recorded as off duty, once.
    /// Two statements whatever the number of sellers, plus one for those whose duty ended.
    /// </summary>
    public async Task HeartbeatAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Duty.Where(d => d.State != DutyState.OffDuty && db.Presence.Any(p => p.InstanceId == instanceId && p.UserId == d.UserId))
            .Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new { d.UserId, d.State, d.EndsUtc, d.LastSignUtc, u.LocationId })
            .Join(db.Locations, d => d.LocationId, l => l.Id, (d, l) => new { d.UserId, d.State, d.EndsUtc, d.LastSignUtc, l.ShiftLength })
            .ToListAsync(cancellationToken);
        var signed = open.Where(d => Effective(d.State, d.EndsUtc, d.LastSignUtc, d.ShiftLength, now) != DutyState.OffDuty).Select(d => d.UserId).ToList();
        if (signed.Count > 0)
            await db.Duty.Where(d => signed.Contains(d.UserId)).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSignUtc, now), cancellationToken);
        var ended = await db.Duty.Where(d => d.State != DutyState.OffDuty && d.EndsUtc != null && d.EndsUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DutyState.OffDuty).SetProperty(d => d.EndsUtc, (DateTime?)null), cancellationToken);
        if (ended > 0) await bus.PublishAsync(new PresenceChanged(null, null), cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "User {UserId}: {Before} → {After}")]
    private static partial void LogChanged(ILogger logger, string userId, DutyState before, DutyState after);
}
