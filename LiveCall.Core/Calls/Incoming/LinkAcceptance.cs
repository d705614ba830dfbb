using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.Incoming;

public enum LinkOutcome
{
    /// <summary>Wrong, expired, used, declined, let go by not joining, or the ring is over: one answer for all.</summary>
    Invalid,
    /// <summary>The call is still ringing for the link's seller (preview only).</summary>
    Ringing,
    /// <summary>Another seller accepted the call first.</summary>
    AnsweredByOther,
    /// <summary>The link's seller won the call.</summary>
    Accepted,
    /// <summary>Another staff user is logged in on this browser: the link stays unused (the call page would admit that user, not the seller).</summary>
    OtherUserSignedIn,
}

/// <summary>
/// What an accept link leads to. <see cref="Access"/> is the seller's call token for a device where they are not
/// logged in (null when they are: the staff call page serves them).
/// </summary>
public sealed record LinkResult(LinkOutcome Outcome, Guid? CallId = null, Guid? DealerId = null, Guid? LocationId = null,
    string? CustomerName = null, string? LocationName = null, string? AnsweredBy = null, CallInvitation? Access = null)
{
    public static readonly LinkResult Invalid = new(LinkOutcome.Invalid);
}

/// <summary>
/// The accept link's two steps: a look (GET, never uses the link: mail scanners fetch links) and the acceptance
/// (POST: uses the link once, then "Accept" exactly like the toast's, first accept wins).
/// </summary>
public sealed partial class LinkAcceptance(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    RingAcceptLinks links,
    IncomingCallService incoming,
    CallAccessTokens tokens,
    ILogger<LinkAcceptance> logger)
{
    /// <summary>The seller's call access on another device lasts as long as the customer's.</summary>
    public static readonly TimeSpan SellerAccessLifetime = IncomingCallService.CustomerAccessLifetime;

    public async Task<LinkResult> PreviewAsync(string? token, CancellationToken cancellationToken)
    {
        var holder = await links.FindAsync(token, cancellationToken);
        return holder is null ? LinkResult.Invalid : await StateAsync(holder, cancellationToken);
    }

    /// <param name="signedInUserId">The staff user logged in on this browser, if any.</param>
    public async Task<LinkResult> AcceptAsync(string? token, string? signedInUserId, CancellationToken cancellationToken)
    {
        var found = await links.FindAsync(token, cancellationToken);
        if (found is null) return LinkResult.Invalid;
        var state = await StateAsync(found, cancellationToken);
        if (state.Outcome != LinkOutcome.Ringing) return state;
        if (signedInUserId is not null && signedInUserId != found.UserId) return state with { Outcome = LinkOutcome.OtherUserSignedIn };
        var holder = await links.RedeemAsync(token, cancellationToken);
        if (holder is null) return LinkResult.Invalid;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seller = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == holder.UserId && u.IsActive, cancellationToken);
        if (seller is null) return LinkResult.Invalid;
        var result = await incoming.AcceptAsync(holder.CallId, TenantScope.For(seller), cancellationToken);
        switch (result.Outcome)
        {
            case AcceptOutcome.Won:
                LogAccepted(logger, holder.CallId, holder.UserId);
                var access = signedInUserId == holder.UserId ? null
                    : await tokens.MintForSellerAsync(holder.CallId, holder.UserId, seller.DisplayName, SellerAccessLifetime, cancellationToken);
                return state with { Outcome = LinkOutcome.Accepted, Access = access };
            case AcceptOutcome.AlreadyTaken:
                return state with { Outcome = LinkOutcome.AnsweredByOther, AnsweredBy = result.AnsweredBy };
            default:
                return LinkResult.Invalid;
        }
    }

    /// <summary>The call behind a findable link: ringing for this seller, answered by someone else, or over.</summary>
    private async Task<LinkResult> StateAsync(AcceptLinkHolder holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == holder.CallId && c.Kind == CallKind.Incoming)
            .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.Id, c.DealerId, c.LocationId, c.State, c.AcceptedByUserId, LocationName = l.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (call is null) return LinkResult.Invalid;
        var customer = await db.CallParticipants.Where(p => p.CallId == call.Id && p.Kind == ParticipantKind.Customer)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var result = new LinkResult(LinkOutcome.Invalid, call.Id, call.DealerId, call.LocationId, customer, call.LocationName);
        if (call.AcceptedByUserId is { } winner && winner != holder.UserId)
        {
            var name = await db.Users.Where(u => u.Id == winner).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            return result with { Outcome = LinkOutcome.AnsweredByOther, AnsweredBy = name };
        }
        var rung = await db.Set<RingTarget>().AnyAsync(t => t.CallId == call.Id && t.UserId == holder.UserId && t.DeclinedUtc == null && t.NoShowUtc == null,
            cancellationToken);
        return call.State == CallState.Ringing && rung ? result with { Outcome = LinkOutcome.Ringing } : LinkResult.Invalid;
    }

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId} accepted by user {UserId} through an accept link")]
    private static partial void LogAccepted(ILogger logger, Guid callId, string userId);
}
