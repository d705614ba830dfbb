using LiveCall.Core.Data;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// Ring-all routing of incoming calls: a customer's call rings every available seller of the location;
/// "Accept" is a conditional update (WHERE State = Ringing), so exactly one seller wins however many
/// press it at once; cancel and ring timeout end the ring the same way (<see cref="RingEnd"/>), and an accepted
/// call whose seller does not join in time rings the others again (IncomingCallService.Handover.cs).
/// </summary>
public sealed partial class IncomingCallService(IDbContextFactory<LiveCallDbContext> dbFactory, CallAccessTokens tokens, ILiveEventBus bus,
    RingEscalations escalation, RingEnd ringEnd, CustomerLimits limits, TimeProvider time, ILogger<IncomingCallService> logger)
{
    public const int MaxCustomerNameLength = 80;
    /// <summary>The customer's link to their own call lives a little longer than any ring plus a long talk.</summary>
    public static readonly TimeSpan CustomerAccessLifetime = TimeSpan.FromHours(4);

    public Task<RingStart> StartAsync(string dealerSlug, string locationSlug, string customerName, CancellationToken cancellationToken) =>
        StartAsync(dealerSlug, locationSlug, new CustomerContactInput(customerName, null, null), CustomerKeys.None, cancellationToken);

    /// <summary>
    /// The customer pressed "Start video call": checks the fields, the location and its opening hours and the customer's
    /// limits (<paramref name="who"/>: browser and network as the endpoint saw them; the contact is added here), records the
    /// call and rings every available seller (toast via the live bus, the other channels via <see cref="RingEscalations"/>).
    /// </summary>
    public async Task<RingStart> StartAsync(string dealerSlug, string locationSlug, CustomerContactInput customer, CustomerKeys who, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var location = await db.Locations.AsNoTracking().Include(l => l.Dealer)
            .SingleOrDefaultAsync(l => l.Slug == locationSlug && l.Dealer!.Slug == dealerSlug, cancellationToken);
        if (location is null) return RingStart.Refused(RingRefusal.UnknownLocation);
        if (!location.IsActive) return RingStart.Refused(RingRefusal.Inactive);
        var (errors, contact) = CustomerContactRules.Check(customer, location.Country, requireContact: false);
        if (contact is null) return RingStart.Refused(RingRefusal.InvalidName) with { FieldErrors = errors };
        var now = time.GetUtcNow();
        if (!location.IsOpenAt(now))
            return RingStart.Refused(RingRefusal.Closed) with { NextOpening = location.OpeningHours.NextOpening(now, location.TimeZone) };

        var sellers = await SellerAvailability.RingableAsync(db, location, now.UtcDateTime, cancellationToken);
        var call = new Call(CallKind.Incoming, location.DealerId, location.Id, now.UtcDateTime);
        if (sellers.Count == 0)
        {
            call.State = CallState.Unanswered;
            call.EndedUtc = now.UtcDateTime;
        }
        // The call, who it rings and the customer with their token and contact: one transaction, one commit.
        var customerParticipant = new CallParticipant(call.Id, ParticipantKind.Customer, contact.Name, null);
        var customerToken = tokens.GrantNew(customerParticipant, CustomerAccessLifetime);
        RecordContact(customerParticipant, contact);
        var keys = (who with { Contact = (contact.Phone ?? contact.Email)?.ToLowerInvariant() }).Hashed();
        call.KeyCustomer(keys);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Counted and recorded under one write lock: two starts of the same customer cannot both see room for one more.
            var over = await limits.CheckAsync(db, location.Id, keys, now.UtcDateTime, cancellationToken);
            if (over != RingRefusal.None)
            {
                LogCustomerLimit(logger, location.Id, over);
                return RingStart.Refused(over);
            }
            db.Calls.Add(call);
            db.CallParticipants.Add(customerParticipant);
            await db.SaveChangesAsync(cancellationToken);
            await db.InsertAsync(sellers.Select(id => new RingTarget(call.Id, id)).ToList(), cancellationToken); // one command for all
            await transaction.CommitAsync(cancellationToken);
        }
        if (sellers.Count == 0)
        {
            await bus.PublishAsync(new CallChanged(call.Id, call.DealerId, call.LocationId, call.Kind, call.State), cancellationToken);
            LogNoSeller(logger, call.Id, location.Id);
            return new RingStart(call.Id, customerToken, 0, RingRefusal.NoSellerAvailable, null);
        }
        var reached = await RingAsync(db, new RingContext(call.Id, call.DealerId, call.LocationId, location.Name, contact.Name, call.CreatedUtc,
            call.CreatedUtc + location.RingTimeout, location.SmsDelay, location.EmailDelay, sellers), call.CreatedUtc, null, cancellationToken);
        await bus.PublishAsync(new CallChanged(call.Id, call.DealerId, call.LocationId, call.Kind, call.State), cancellationToken);
        return new RingStart(call.Id, customerToken, reached, RingRefusal.None, null);
    }

    /// <summary>
    /// Rings these sellers: the toasts first (<see cref="RingStarted"/>; dashboards refreshing figures must not delay them),
    /// then push, SMS and email. Marks and counts whom something reached ("N sellers are being notified"): an open
    /// dashboard (its toast) or a queued message.
    /// </summary>
    private async Task<int> RingAsync(LiveCallDbContext db, RingContext ring, DateTime callCreatedUtc, string? notJoinedBy, CancellationToken cancellationToken)
    {
        var sellers = ring.SellerIds;
        await bus.PublishAsync(new RingStarted(ring.CallId, ring.DealerId, ring.LocationId, ring.LocationName, ring.CustomerName, callCreatedUtc, sellers, notJoinedBy), cancellationToken);
        LogRinging(logger, ring.CallId, sellers.Count);
        var since = ring.StartedUtc - PresenceService.StaleAfter;
        var reached = (await db.Presence.Where(p => sellers.Contains(p.UserId) && p.LastSeenUtc >= since).Select(p => p.UserId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        try
        {
            reached.UnionWith(await escalation.RingStartedAsync(ring, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The toasts are ringing already; a failing channel must not take the call away from the customer.
            LogEscalationFailed(logger, e, ring.CallId);
            reached.UnionWith(sellers);
        }
        var reachedIds = reached.ToList();
        await db.RingTargets.Where(t => t.CallId == ring.CallId && reachedIds.Contains(t.UserId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Reached, true), cancellationToken);
        return reached.Count;
    }

    private static void RecordContact(CallParticipant participant, CustomerContact contact)
    {
        participant.CustomerPhone = contact.Phone;
        participant.CustomerEmail = contact.Email;
        // What "FollowUp Call" on a missed call pre-fills: SMS to a mobile, else the email address.
        if (contact.Phone is { } phone && PhoneNormalizer.IsMobile(phone)) participant.RecordInvitation(FollowUp.InvitationChannel.Sms, phone);
        else if (contact.Email is { } email) participant.RecordInvitation(FollowUp.InvitationChannel.Email, email);
    }

    /// <summary>"Accept": the first seller of the call's location wins (not one who let it go by not joining); everyone else is told who did.</summary>
    public async Task<AcceptResult> AcceptAsync(Guid callId, TenantScope seller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId && c.Kind == CallKind.Incoming, cancellationToken);
        if (call is null || !seller.CanSeeLocation(call.DealerId, call.LocationId)) return new AcceptResult(AcceptOutcome.NotAllowed, null);
        var now = time.GetUtcNow().UtcDateTime;
        // Only a call that still rang a moment ago is worth a write: late presses read (never blocked in WAL) and lose at once.
        var won = call.State == CallState.Ringing && await db.Calls.Where(c => c.Id == callId && c.State == CallState.Ringing
                && !db.RingTargets.Any(t => t.CallId == callId && t.UserId == seller.UserId && t.NoShowUtc != null))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CallState.Waiting).SetProperty(c => c.AcceptedUtc, now).SetProperty(c => c.AcceptedByUserId, seller.UserId), cancellationToken) == 1;
        var answered = await db.Calls.AsNoTracking().Where(c => c.Id == callId).Select(c => new { c.State, c.AcceptedByUserId }).SingleAsync(cancellationToken);
        var answeredBy = answered.AcceptedByUserId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
        if (won)
        {
            LogAccepted(logger, callId, seller.UserId);
            await bus.PublishAsync(new RingEnded(callId, call.DealerId, call.LocationId, CallState.Waiting, seller.UserId, answeredBy), cancellationToken);
            await bus.PublishAsync(new CallChanged(callId, call.DealerId, call.LocationId, call.Kind, CallState.Waiting, [seller.UserId]), cancellationToken);
            await ringEnd.WithdrawEscalationsAsync(callId, cancellationToken);
            return new AcceptResult(AcceptOutcome.Won, answeredBy);
        }
        return answered.AcceptedByUserId is not null
            ? new AcceptResult(AcceptOutcome.AlreadyTaken, answeredBy)
            : new AcceptResult(AcceptOutcome.NotRinging, null);
    }

    /// <summary>
    /// "Decline": this seller stops ringing (toasts and pending messages); the others ring on. When every rung seller
    /// declined, the ring ends as unanswered at once so that the customer is offered a callback instead of waiting.
    /// </summary>
    public async Task<bool> DeclineAsync(Guid callId, string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var declined = await db.RingTargets.Where(t => t.CallId == callId && t.UserId == userId && t.DeclinedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeclinedUtc, now), cancellationToken) == 1;
        if (!declined) return false;
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, cancellationToken);
        await bus.PublishAsync(new RingDeclined(callId, call.DealerId, call.LocationId, userId), cancellationToken);
        try
        {
            await escalation.SellerDeclinedAsync(callId, userId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEscalationFailed(logger, e, callId);
        }
        if (!await db.RingTargets.AnyAsync(t => t.CallId == callId && t.DeclinedUtc == null && t.NoShowUtc == null, cancellationToken))
            await ringEnd.EndAsync(callId, CallState.Unanswered, cancellationToken);
        return true;
    }

    /// <summary>
    /// The calls ringing for this seller now (not declined, not let go by not joining): a dashboard opened mid-ring shows
    /// their toasts; a call that rings again says who did not join.
    /// </summary>
    public async Task<IReadOnlyList<RingingCall>> RingingForAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RingTargets.AsNoTracking().Where(t => t.UserId == userId && t.DeclinedUtc == null && t.NoShowUtc == null)
            .Join(db.Calls.Where(c => c.State == CallState.Ringing), t => t.CallId, c => c.Id, (t, c) => c)
            .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.Id, c.DealerId, c.LocationId, LocationName = l.Name, c.CreatedUtc, c.RangAgainUtc, l.RingTimeout })
            .Select(x => new RingingCall(x.Id, x.DealerId, x.LocationId, x.LocationName,
                db.CallParticipants.Where(p => p.CallId == x.Id && p.Kind == ParticipantKind.Customer).Select(p => p.DisplayName).FirstOrDefault() ?? "",
                x.CreatedUtc, x.RingTimeout,
                x.RangAgainUtc == null ? null : db.RingTargets.Where(t => t.CallId == x.Id && t.NoShowUtc != null).OrderByDescending(t => t.NoShowUtc)
                    .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The customer gives up before anyone accepted. True when this ended the ring.</summary>
    public Task<bool> CancelAsync(Guid callId, CancellationToken cancellationToken) => ringEnd.EndAsync(callId, CallState.Cancelled, cancellationToken);

    /// <summary>
    /// The sweep (run every second by a background service, on every instance): ends every ring whose location's ring time
    /// is over, counted from when it last started ringing, and rings the others again for every accepted call whose seller
    /// has not joined within the location's accept deadline. Returns how many calls it changed.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var ringing = await db.Calls.AsNoTracking().Where(c => c.State == CallState.Ringing)
                .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.Id, Since = c.RangAgainUtc ?? c.CreatedUtc, l.RingTimeout })
                .ToListAsync(cancellationToken);
            foreach (var call in ringing.Where(c => c.Since + c.RingTimeout <= now))
                if (await ringEnd.EndAsync(call.Id, CallState.Unanswered, cancellationToken)) changed++;
        }
        return changed + await HandOverDueAsync(now, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Customer start at location {LocationId} refused: {Refusal}")]
    private static partial void LogCustomerLimit(ILogger logger, Guid locationId, RingRefusal refusal);

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId} rings {SellerCount} sellers")]
    private static partial void LogRinging(ILogger logger, Guid callId, int sellerCount);

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId} at location {LocationId}: no seller available")]
    private static partial void LogNoSeller(ILogger logger, Guid callId, Guid locationId);

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId} accepted by user {UserId}")]
    private static partial void LogAccepted(ILogger logger, Guid callId, string userId);

    [LoggerMessage(LogLevel.Warning, "An escalation channel failed for call {CallId}")]
    private static partial void LogEscalationFailed(ILogger logger, Exception exception, Guid callId);

    /// <summary>How many sellers of the location would ring now (the embeddable button shows "online" when this is above zero).</summary>
    public async Task<int> CountAvailableAsync(Guid locationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var location = await db.Locations.AsNoTracking().SingleOrDefaultAsync(l => l.Id == locationId, cancellationToken);
        return location is null ? 0 : (await SellerAvailability.RingableAsync(db, location, time.GetUtcNow().UtcDateTime, cancellationToken)).Count;
    }
}
