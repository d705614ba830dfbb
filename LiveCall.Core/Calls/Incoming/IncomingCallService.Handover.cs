using LiveCall.Core.Live;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// An accepted call that nobody joins goes back: when the seller who won has not joined within the location's accept
/// deadline, the call rings the other sellers on duty again (their toasts say who did not come), the customer's page says
/// it is connecting them to another seller, and that seller is not rung again for this call. With nobody left to ring the
/// call ends unanswered and the customer is offered a callback, so the customer never waits for ever.
/// </summary>
public sealed partial class IncomingCallService
{
    /// <summary>Waiting calls of this age are over for the customer anyway (their access has run out): the sweep reads along the CreatedUtc index.</summary>
    private static readonly TimeSpan HandOverWindow = CustomerAccessLifetime;

    private async Task<int> HandOverDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        List<(Guid CallId, string NoShow, DateTime AcceptedUtc)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var since = now - HandOverWindow;
            var waiting = await db.Calls.AsNoTracking()
                .Where(c => c.CreatedUtc >= since && c.Kind == CallKind.Incoming && c.State == CallState.Waiting && c.AcceptedByUserId != null && c.AcceptedUtc != null
                    && !db.CallParticipants.Any(p => p.CallId == c.Id && p.UserId == c.AcceptedByUserId && p.JoinedUtc != null))
                .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.Id, c.AcceptedByUserId, c.AcceptedUtc, l.AcceptDeadline })
                .ToListAsync(cancellationToken);
            due = waiting.Where(c => c.AcceptedUtc!.Value + c.AcceptDeadline <= now).Select(c => (c.Id, c.AcceptedByUserId!, c.AcceptedUtc!.Value)).ToList();
        }
        var handedOver = 0;
        foreach (var (callId, noShow, acceptedUtc) in due)
            if (await HandOverAsync(callId, noShow, acceptedUtc, cancellationToken)) handedOver++;
        return handedOver;
    }

    /// <summary>
    /// One accepted call back to ringing, settled in the database: the conditional update matches only while the call still
    /// waits for this seller's accept of that moment and the seller has not joined, so of two sweeps (two instances), or of
    /// a sweep and the seller's join, exactly one wins. The seller is marked as a no-show in the same transaction, which is
    /// what a join racing this one checks after its own commit (<see cref="CallService.JoinAsync"/>).
    /// </summary>
    private async Task<bool> HandOverAsync(Guid callId, string noShow, DateTime acceptedUtc, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var back = await db.Calls.Where(c => c.Id == callId && c.State == CallState.Waiting && c.AcceptedByUserId == noShow && c.AcceptedUtc == acceptedUtc
                    && !db.CallParticipants.Any(p => p.CallId == callId && p.UserId == noShow && p.JoinedUtc != null))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CallState.Ringing).SetProperty(c => c.AcceptedByUserId, (string?)null)
                    .SetProperty(c => c.AcceptedUtc, (DateTime?)null).SetProperty(c => c.RangAgainUtc, now), cancellationToken) == 1;
            if (!back) return false;
            // "N sellers are being notified" counts this round's; the seller who did not come is never rung again for this call.
            await db.RingTargets.Where(t => t.CallId == callId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Reached, false), cancellationToken);
            if (await db.RingTargets.Where(t => t.CallId == callId && t.UserId == noShow).ExecuteUpdateAsync(s => s.SetProperty(t => t.NoShowUtc, now), cancellationToken) == 0)
            {
                db.RingTargets.Add(new RingTarget(callId, noShow) { NoShowUtc = now }); // accepted without having been rung (e.g. a colleague's link)
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        LogHandedOver(logger, callId, noShow);

        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, cancellationToken);
        var location = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == call.LocationId, cancellationToken);
        var noShowName = await db.Users.Where(u => u.Id == noShow).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        var customer = await db.CallParticipants.Where(p => p.CallId == callId && p.Kind == ParticipantKind.Customer)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var targets = await db.RingTargets.AsNoTracking().Where(t => t.CallId == callId).ToListAsync(cancellationToken);
        var passedOver = targets.Where(t => t.DeclinedUtc != null || t.NoShowUtc != null).Select(t => t.UserId).ToHashSet();
        var sellers = (await SellerAvailability.RingableAsync(db, location, now, cancellationToken)).Where(id => !passedOver.Contains(id)).ToList();
        try
        {
            await escalation.SellerNoShowAsync(callId, noShow, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEscalationFailed(logger, e, callId);
        }
        if (sellers.Count == 0)
        {
            await ringEnd.EndAsync(callId, CallState.Unanswered, cancellationToken);
            return true;
        }
        db.RingTargets.AddRange(sellers.Where(id => !targets.Exists(t => t.UserId == id)).Select(id => new RingTarget(callId, id)));
        await db.SaveChangesAsync(cancellationToken);
        await RingAsync(db, new RingContext(callId, call.DealerId, call.LocationId, location.Name, customer, now, now + location.RingTimeout, location.SmsDelay, location.EmailDelay, sellers), call.CreatedUtc,
            noShowName, cancellationToken);
        // After the marks of who was reached: the customer's page re-reads "N sellers are being notified" on this.
        await bus.PublishAsync(new CallChanged(callId, call.DealerId, call.LocationId, call.Kind, CallState.Ringing, [noShow]), cancellationToken);
        return true;
    }

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId}: user {UserId} accepted and did not join in time; it rings the others again")]
    private static partial void LogHandedOver(ILogger logger, Guid callId, string userId);
}
