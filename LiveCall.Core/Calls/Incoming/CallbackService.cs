using LiveCall.Core.Data;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Calls.Incoming;

public enum CallbackRefusal { None, UnknownLocation, Inactive, Invalid }

public sealed record CallbackResult(Guid? Id, CallbackRefusal Refusal, IReadOnlyDictionary<string, string> FieldErrors);

public enum MissedKind { MissedCall, Callback }

/// <summary>One line of the dashboard's "Missed calls and callback requests": what the seller needs to call back.</summary>
public sealed record MissedItem(MissedKind Kind, Guid Id, Guid? CallId, Guid LocationId, string LocationName, string Name, string? Phone, string? Email,
    string? Note, DateTime CreatedUtc, CallState? CallState);

/// <summary>
/// Callback requests (left by a customer after an unanswered ring or outside opening hours) and the open list of
/// missed calls and callback requests that sellers work through ("FollowUp Call", then "Done").
/// </summary>
public sealed class CallbackService(IDbContextFactory<LiveCallDbContext> dbFactory, CallAccessTokens tokens, ILiveEventBus bus, TimeProvider time)
{
    /// <summary>How far back the dashboard looks for missed calls nobody marked done.</summary>
    public static readonly TimeSpan MissedWindow = TimeSpan.FromDays(14);

    /// <summary>
    /// Stores a callback request for the location. With the customer's call token (after an unanswered ring) the request
    /// is tied to that call, and sending the form twice keeps one request (the newer contact data win).
    /// </summary>
    public async Task<CallbackResult> CreateAsync(string dealerSlug, string locationSlug, CustomerContactInput input, string? customerToken,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var location = await db.Locations.AsNoTracking().Include(l => l.Dealer)
            .SingleOrDefaultAsync(l => l.Slug == locationSlug && l.Dealer!.Slug == dealerSlug, cancellationToken);
        if (location is null) return new CallbackResult(null, CallbackRefusal.UnknownLocation, new Dictionary<string, string>());
        if (!location.IsActive) return new CallbackResult(null, CallbackRefusal.Inactive, new Dictionary<string, string>());
        var (errors, contact) = CustomerContactRules.Check(input, location.Country, requireContact: true);
        if (contact is null) return new CallbackResult(null, CallbackRefusal.Invalid, errors);

        Guid? callId = null;
        if (await tokens.ValidateAsync(customerToken, cancellationToken) is { } holder
            && await db.Calls.AnyAsync(c => c.Id == holder.CallId && c.LocationId == location.Id && c.Kind == CallKind.Incoming, cancellationToken))
            callId = holder.CallId;

        if (callId is not null && await db.CallbackRequests.AnyAsync(r => r.CallId == callId, cancellationToken))
            await db.CallbackRequests.Where(r => r.CallId == callId).ExecuteDeleteAsync(cancellationToken);
        var request = new CallbackRequest(location.DealerId, location.Id, callId, contact.Name, contact.Phone, contact.Email, contact.Note,
            time.GetUtcNow().UtcDateTime);
        db.CallbackRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await bus.PublishAsync(new CallbacksChanged(location.DealerId, location.Id), cancellationToken);
        return new CallbackResult(request.Id, CallbackRefusal.None, errors);
    }

    /// <summary>Open missed calls and callback requests the user may see, newest first. A missed call with a callback request shows once.</summary>
    public async Task<IReadOnlyList<MissedItem>> ListOpenAsync(TenantScope scope, Guid? dealerFilter, Guid? locationFilter, int take, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime - MissedWindow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calls = db.Calls.AsNoTracking().VisibleTo(scope)
            .Where(c => c.Kind == CallKind.Incoming && (c.State == CallState.Unanswered || c.State == CallState.Cancelled)
                && c.HandledUtc == null && c.CreatedUtc >= since);
        var requests = db.CallbackRequests.AsNoTracking().VisibleTo(scope).Where(r => r.DoneUtc == null);
        if (dealerFilter is { } d)
        {
            calls = calls.Where(c => c.DealerId == d);
            requests = requests.Where(r => r.DealerId == d);
        }
        if (locationFilter is { } l)
        {
            calls = calls.Where(c => c.LocationId == l);
            requests = requests.Where(r => r.LocationId == l);
        }
        var callbackRows = await requests.OrderByDescending(r => r.CreatedUtc).Take(take)
            .Join(db.Locations, r => r.LocationId, loc => loc.Id, (r, loc) => new { r, loc.Name }).ToListAsync(cancellationToken);
        var callRows = await calls.OrderByDescending(c => c.CreatedUtc).Take(take)
            .Where(c => !db.CallbackRequests.Any(r => r.CallId == c.Id))
            .Join(db.Locations, c => c.LocationId, loc => loc.Id, (c, loc) => new
            {
                c.Id, c.LocationId, LocationName = loc.Name, c.CreatedUtc, c.State,
                Customer = db.CallParticipants.Where(p => p.CallId == c.Id && p.Kind == ParticipantKind.Customer)
                    .Select(p => new { p.DisplayName, p.CustomerPhone, p.CustomerEmail }).FirstOrDefault(),
            }).ToListAsync(cancellationToken);

        // The states of the calls the callbacks came from; nothing to ask when none did.
        var callIds = callbackRows.Where(x => x.r.CallId != null).Select(x => x.r.CallId!.Value).ToList();
        var callStates = callIds.Count == 0 ? [] : await db.Calls.AsNoTracking().Where(c => callIds.Contains(c.Id))
            .Select(c => new { c.Id, c.State }).ToDictionaryAsync(c => c.Id, c => c.State, cancellationToken);
        return callbackRows.Select(x => new MissedItem(MissedKind.Callback, x.r.Id, x.r.CallId, x.r.LocationId, x.Name, x.r.Name, x.r.Phone, x.r.Email,
                x.r.Note, x.r.CreatedUtc, x.r.CallId is { } id && callStates.TryGetValue(id, out var st) ? st : null))
            .Concat(callRows.Select(c => new MissedItem(MissedKind.MissedCall, c.Id, c.Id, c.LocationId, c.LocationName, c.Customer?.DisplayName ?? "",
                c.Customer?.CustomerPhone, c.Customer?.CustomerEmail, null, c.CreatedUtc, c.State)))
            .OrderByDescending(i => i.CreatedUtc).Take(take).ToList();
    }

    /// <summary>"Done": the missed call or callback request leaves the open list. False when it is not visible to the user or already done.</summary>
    public async Task<bool> MarkDoneAsync(MissedKind kind, Guid id, TenantScope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Guid dealerId, locationId;
        if (kind == MissedKind.MissedCall)
        {
            var call = await db.Calls.AsNoTracking().VisibleTo(scope).Where(c => c.Id == id && c.Kind == CallKind.Incoming)
                .Select(c => new { c.DealerId, c.LocationId }).SingleOrDefaultAsync(cancellationToken);
            if (call is null) return false;
            if (await db.Calls.Where(c => c.Id == id && c.HandledUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.HandledUtc, now).SetProperty(c => c.HandledByUserId, scope.UserId), cancellationToken) == 0)
                return false;
            (dealerId, locationId) = (call.DealerId, call.LocationId);
        }
        else
        {
            var request = await db.CallbackRequests.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.DealerId, r.LocationId, r.CallId })
                .SingleOrDefaultAsync(cancellationToken);
            if (request is null || !scope.CanSeeLocation(request.DealerId, request.LocationId)) return false;
            if (await db.CallbackRequests.Where(r => r.Id == id && r.DoneUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.DoneUtc, now).SetProperty(r => r.DoneByUserId, scope.UserId), cancellationToken) == 0)
                return false;
            if (request.CallId is { } callId)
                await db.Calls.Where(c => c.Id == callId && c.HandledUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.HandledUtc, now).SetProperty(c => c.HandledByUserId, scope.UserId), cancellationToken);
            (dealerId, locationId) = (request.DealerId, request.LocationId);
        }
        await bus.PublishAsync(new CallbacksChanged(dealerId, locationId), cancellationToken);
        return true;
    }

    /// <summary>A callback request the user may see (for pre-filling "FollowUp Call").</summary>
    public async Task<CallbackRequest?> FindAsync(Guid id, TenantScope scope, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.CallbackRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is not null && scope.CanSeeLocation(request.DealerId, request.LocationId) ? request : null;
    }
}
