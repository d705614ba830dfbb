using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// A customer's own incoming call as the cookie holder sees it. <paramref name="RangAgainUtc"/>: the seller who accepted did
/// not join and the call rang the others again then.
/// </summary>
public sealed record CustomerCall(Guid CallId, Guid DealerId, Guid LocationId, CallState State, DateTime CreatedUtc, int SellersRinging, string CustomerName,
    DateTime? RangAgainUtc = null)
{
    /// <summary>Ringing again after a seller accepted and did not come: "Connecting you to another seller…".</summary>
    public bool HandingOver => State == CallState.Ringing && RangAgainUtc is not null;

    /// <summary>The customer's place in the call: answered (a seller on the way or in it), or ringing the others again.</summary>
    public bool HasCallScreen => State is CallState.Waiting or CallState.Connected || HandingOver;
}

/// <summary>Read side of the customer entry: the location behind a slug pair and the customer's own call.</summary>
public sealed class CustomerCalls(IDbContextFactory<LiveCallDbContext> dbFactory, CallAccessTokens tokens)
{
    public async Task<Location?> FindLocationAsync(string dealerSlug, string locationSlug, CancellationToken cancellationToken)
    {
        if (dealerSlug.Length > 100 || locationSlug.Length > 100) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Locations.AsNoTracking().Include(l => l.Dealer)
            .SingleOrDefaultAsync(l => l.Slug == locationSlug.ToLowerInvariant() && l.Dealer!.Slug == dealerSlug.ToLowerInvariant(), cancellationToken);
    }

    /// <summary>The incoming call the customer token (the <c>livecall.call</c> cookie) admits to, or null.</summary>
    public async Task<CustomerCall?> OfTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var holder = await tokens.ValidateAsync(token, cancellationToken);
        if (holder is null || holder.Kind != ParticipantKind.Customer) return null;
        var call = await FindAsync(holder.CallId, cancellationToken);
        return call is null ? null : call with { CustomerName = holder.DisplayName };
    }

    /// <summary>The call only if the token admits to exactly this call.</summary>
    public async Task<CustomerCall?> OfTokenAsync(string? token, Guid callId, CancellationToken cancellationToken) =>
        await OfTokenAsync(token, cancellationToken) is { } call && call.CallId == callId ? call : null;

    public async Task<CustomerCall?> FindAsync(Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Calls.AsNoTracking().Where(c => c.Id == callId && c.Kind == CallKind.Incoming)
            .Select(c => new CustomerCall(c.Id, c.DealerId, c.LocationId, c.State, c.CreatedUtc,
                db.RingTargets.Count(t => t.CallId == c.Id && t.Reached && t.DeclinedUtc == null && t.NoShowUtc == null), "", c.RangAgainUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The phone and email the customer left at "Start video call" (to fill in the callback form for them).</summary>
    public async Task<(string? Phone, string? Email)> ContactAsync(Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.CallParticipants.AsNoTracking().Where(p => p.CallId == callId && p.Kind == ParticipantKind.Customer)
            .Select(p => new { p.CustomerPhone, p.CustomerEmail }).FirstOrDefaultAsync(cancellationToken);
        return (contact?.CustomerPhone, contact?.CustomerEmail);
    }

    public async Task<(string Dealer, string Location)?> SlugsAsync(Guid locationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Locations.AsNoTracking().Where(l => l.Id == locationId).Select(l => new { Dealer = l.Dealer!.Slug, l.Slug }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Dealer, row.Slug);
    }
}
