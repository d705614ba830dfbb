using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls;

/// <summary>
/// The call lifecycle: create, join, leave. A call is Connected from the moment two parties are in it
/// and Ended when the last one leaves; state changes are conditional updates, so concurrent joins and
/// leaves cannot move a call backwards or end it twice.
/// </summary>
public sealed partial class CallService(IDbContextFactory<LiveCallDbContext> dbFactory, ILiveEventBus bus, RingEnd ringEnd, TimeProvider time, ILogger<CallService> logger)
{
    /// <summary>The mesh limit: more parties than this cannot be in one call.</summary>
    public const int MaxParticipants = 6;

    /// <summary>Starts an outgoing FollowUp call at the staff user's location; the user joins it when the call page opens.</summary>
    public async Task<Call> StartFollowUpAsync(TenantScope staff, CancellationToken cancellationToken)
    {
        if (staff.DealerId is not { } dealerId || staff.LocationId is not { } locationId)
            throw new InvalidOperationException("Only staff of a location can start a call.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = new Call(CallKind.FollowUp, dealerId, locationId, time.GetUtcNow().UtcDateTime);
        db.Calls.Add(call);
        await db.SaveChangesAsync(cancellationToken);
        LogCallStarted(call.Id, call.LocationId);
        return call;
    }

    public async Task<Call?> FindAsync(Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Calls.AsNoTracking().Include(c => c.Participants).SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
    }

    /// <summary>Adds a guest or customer (not yet joined). Use <see cref="CallAccessTokens.InviteAsync"/> to also get their token.</summary>
    public async Task<CallParticipant> AddParticipantAsync(Guid callId, ParticipantKind kind, string displayName, CancellationToken cancellationToken)
    {
        if (kind == ParticipantKind.Staff) throw new ArgumentException("Staff join by login.", nameof(kind));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Calls.AnyAsync(c => c.Id == callId, cancellationToken)) throw new InvalidOperationException($"Call {callId} does not exist.");
        var participant = new CallParticipant(callId, kind, Truncate(displayName), userId: null);
        db.CallParticipants.Add(participant);
        await db.SaveChangesAsync(cancellationToken);
        return participant;
    }

    /// <summary>A guest or customer corrects the name the others see (before joining). False when that participant is unknown.</summary>
    public async Task<bool> RenameGuestAsync(Guid callId, Guid participantId, string displayName, CancellationToken cancellationToken)
    {
        var name = Truncate(displayName);
        if (name.Length == 0) return false;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CallParticipants
            .Where(p => p.Id == participantId && p.CallId == callId && p.Kind != ParticipantKind.Staff)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DisplayName, name), cancellationToken) == 1;
    }

    /// <summary>Puts <paramref name="who"/> into the call (or back into it after a reconnect) if the server allows it.</summary>
    public async Task<JoinOutcome> JoinAsync(Guid callId, CallIdentity who, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.Include(c => c.Participants).SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null) return new JoinOutcome(JoinStatus.NotFound);

        CallParticipant? participant;
        switch (who)
        {
            case CallIdentity.Staff staff:
                if (!staff.Scope.CanSeeLocation(call.DealerId, call.LocationId)) return new JoinOutcome(JoinStatus.NotAllowed);
                participant = call.Participants.FirstOrDefault(p => p.UserId == staff.Scope.UserId);
                if (participant is null && !call.IsOver)
                {
                    participant = new CallParticipant(call.Id, ParticipantKind.Staff, Truncate(staff.DisplayName), staff.Scope.UserId);
                    db.CallParticipants.Add(participant); // fix-up puts it into call.Participants
                }
                break;
            case CallIdentity.TokenHolder holder when holder.CallId == callId:
                participant = call.Participants.FirstOrDefault(p => p.Id == holder.ParticipantId);
                if (participant is null) return new JoinOutcome(JoinStatus.NotAllowed);
                break;
            default:
                return new JoinOutcome(JoinStatus.NotAllowed);
        }
        if (call.IsOver || participant is null) return new JoinOutcome(JoinStatus.Ended);
        // Staff answer an incoming call by "Accept", not by opening it while it rings; a seller who accepted and did not
        // join in time let it go to the others (IncomingCallService.Handover.cs) and stays out.
        var sellerOfIncoming = call.Kind == CallKind.Incoming && participant.Kind == ParticipantKind.Staff;
        if (sellerOfIncoming && await IsNoShowAsync(db, callId, participant.UserId, cancellationToken)) return new JoinOutcome(JoinStatus.HandedOver);
        if (sellerOfIncoming && call.State == CallState.Ringing) return new JoinOutcome(JoinStatus.NotAllowed);
        if (call.Participants.Count(p => p.IsPresent && p.Id != participant.Id) >= MaxParticipants) return new JoinOutcome(JoinStatus.Full);

        var now = time.GetUtcNow().UtcDateTime;
        var added = db.Entry(participant).State == EntityState.Added;
        participant.Join(now);
        // Seen from the moment of joining: a crash before the first seat heartbeat must not leave them "in the call" for ever.
        participant.SeatSeenUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        // The hand-over may have been committed between our read and our join: it did not see this join (or it would not
        // have handed over), so after our commit its no-show mark is visible. Step back out then: the call rings the others.
        if (sellerOfIncoming && await IsNoShowAsync(db, callId, participant.UserId, cancellationToken))
        {
            if (added) db.CallParticipants.Remove(participant);
            else participant.Leave(now);
            await db.SaveChangesAsync(cancellationToken);
            return new JoinOutcome(JoinStatus.HandedOver);
        }

        var present = call.Participants.Where(p => p.IsPresent).ToList();
        // Counted again after our own commit: two parties joining at the same moment each read the call before the
        // other's join was saved, so the in-memory list alone could leave a two-party call "waiting" for ever.
        var presentNow = await db.CallParticipants.CountAsync(p => p.CallId == callId && p.JoinedUtc != null && p.LeftUtc == null, cancellationToken);
        if (presentNow >= 2)
        {
            var connected = await db.Calls
                .Where(c => c.Id == callId && (c.State == CallState.Waiting || c.State == CallState.Ringing))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CallState.Connected).SetProperty(c => c.ConnectedUtc, now), cancellationToken);
            if (connected == 1)
            {
                LogCallConnected(callId);
                await bus.PublishAsync(new CallChanged(callId, call.DealerId, call.LocationId, call.Kind, CallState.Connected,
                    [.. call.Participants.Where(p => p.UserId is not null).Select(p => p.UserId!)]), cancellationToken);
            }
        }
        return new JoinOutcome(JoinStatus.Joined, participant, present);
    }

    private static Task<bool> IsNoShowAsync(LiveCallDbContext db, Guid callId, string? userId, CancellationToken cancellationToken) =>
        db.RingTargets.AnyAsync(t => t.CallId == callId && t.UserId == userId && t.NoShowUtc != null, cancellationToken);

    /// <summary>
    /// Takes the participant out of the call; ends the call when nobody is left (a customer who leaves while the call rings
    /// the sellers again, after one did not join, cancels that ring). Returns true when this ended the call.
    /// </summary>
    public async Task<bool> LeaveAsync(Guid callId, Guid participantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await db.CallParticipants.SingleOrDefaultAsync(p => p.Id == participantId && p.CallId == callId, cancellationToken);
        if (participant is null) return false;
        var now = time.GetUtcNow().UtcDateTime;
        participant.Leave(now);
        await db.SaveChangesAsync(cancellationToken);

        if (await db.CallParticipants.AnyAsync(p => p.CallId == callId && p.JoinedUtc != null && p.LeftUtc == null, cancellationToken)) return false;
        var before = await db.Calls.Where(c => c.Id == callId).Select(c => new { c.State, c.ConnectedUtc }).SingleAsync(cancellationToken);
        if (before.State == CallState.Ringing && await ringEnd.EndAsync(callId, CallState.Cancelled, cancellationToken)) return true;
        var duration = Call.DurationUntil(before.ConnectedUtc, now);
        var ended = await db.Calls
            .Where(c => c.Id == callId && (c.State == CallState.Waiting || c.State == CallState.Connected))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, CallState.Ended)
                .SetProperty(c => c.EndedUtc, now)
                .SetProperty(c => c.DurationSeconds, duration), cancellationToken);
        if (ended == 1)
        {
            LogCallEnded(callId, duration);
            var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId)
                .Select(c => new { c.DealerId, c.LocationId, c.Kind, Staff = c.Participants.Where(p => p.UserId != null).Select(p => p.UserId!).ToList() })
                .SingleAsync(cancellationToken);
            await bus.PublishAsync(new CallChanged(callId, call.DealerId, call.LocationId, call.Kind, CallState.Ended, call.Staff), cancellationToken);
        }
        return ended == 1;
    }

    /// <summary>An instance's heartbeat: these participants still hold a signaling seat on it.</summary>
    public async Task TouchSeatsAsync(IReadOnlyCollection<Guid> participantIds, CancellationToken cancellationToken)
    {
        if (participantIds.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.CallParticipants.Where(p => participantIds.Contains(p.Id) && p.LeftUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SeatSeenUtc, now), cancellationToken);
    }

    /// <summary>
    /// Participants still marked present whose seat no instance has reported for <paramref name="staleAfter"/> (their server
    /// restarted or crashed and they did not come back) leave; a call with nobody left ends. Without this a seller would
    /// count as "busy in a call" forever and never ring again. Returns the participants that were taken out.
    /// </summary>
    public async Task<IReadOnlyList<(Guid CallId, Guid ParticipantId)>> CloseAbandonedSeatsAsync(TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - staleAfter;
        List<(Guid, Guid)> abandoned;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            abandoned = (await db.CallParticipants.AsNoTracking()
                    .Where(p => p.JoinedUtc != null && p.LeftUtc == null && (p.SeatSeenUtc ?? p.JoinedUtc) < before)
                    .Select(p => new { p.CallId, p.Id }).ToListAsync(cancellationToken))
                .Select(p => (p.CallId, p.Id)).ToList();
        }
        foreach (var (callId, participantId) in abandoned) await LeaveAsync(callId, participantId, cancellationToken);
        return abandoned;
    }

    private static string Truncate(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= 120 ? trimmed : trimmed[..120];
    }

    [LoggerMessage(LogLevel.Information, "Call {CallId} started at location {LocationId}")]
    private partial void LogCallStarted(Guid callId, Guid locationId);

    [LoggerMessage(LogLevel.Information, "Call {CallId} connected")]
    private partial void LogCallConnected(Guid callId);

    [LoggerMessage(LogLevel.Information, "Call {CallId} ended after {DurationSeconds} s")]
    private partial void LogCallEnded(Guid callId, int? durationSeconds);
}
