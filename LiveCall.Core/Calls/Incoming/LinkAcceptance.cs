using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// What an accept link does. A look (GET) never changes anything: mail and SMS scanners fetch links and run their
/// scripts. The actions (POST) act only when the seller is present (<see cref="LinkVisitor.IsPresent"/>): accept uses
/// the link once and is then "Accept" exactly like the toast's (first accept wins); "I'm away for today" and
/// "I'm available" change the seller's duty, for <see cref="RingAcceptLinks.DutyWindow"/> after the ring.
/// </summary>
public sealed partial class LinkAcceptance(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    RingAcceptLinks links,
    IncomingCallService incoming,
    CallAccessTokens tokens,
    SellerDuty duty,
    SellerAvailability availability,
    ILogger<LinkAcceptance> logger)
{
    /// <summary>The seller's call access on another device lasts as long as the customer's.</summary>
    public static readonly TimeSpan SellerAccessLifetime = IncomingCallService.CustomerAccessLifetime;

    /// <param name="signedInUserId">The staff user logged in on this browser, if any.</param>
    public async Task<LinkResult> PreviewAsync(string? token, string? signedInUserId, CancellationToken cancellationToken)
    {
        var holder = await links.FindAsync(token, cancellationToken);
        return holder is null ? LinkResult.Invalid : await StateAsync(holder, signedInUserId, cancellationToken);
    }

    /// <summary>Accepts while the call rings for the link's seller and the seller is present; otherwise changes nothing.</summary>
    public async Task<LinkResult> AcceptAsync(string? token, LinkVisitor visitor, CancellationToken cancellationToken)
    {
        var found = await links.FindAsync(token, cancellationToken);
        if (found is null) return LinkResult.Invalid;
        var state = await StateAsync(found, visitor.SignedInUserId, cancellationToken);
        if (state.Outcome != LinkOutcome.Ringing) return state;
        if (!visitor.IsPresent(found.UserId)) return state with { TapNeeded = true };
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
                var access = visitor.SignedInUserId == holder.UserId ? null
                    : await tokens.MintForSellerAsync(holder.CallId, holder.UserId, seller.DisplayName, SellerAccessLifetime, cancellationToken);
                return state with { Outcome = LinkOutcome.Accepted, Access = access };
            case AcceptOutcome.AlreadyTaken:
                return state with { Outcome = LinkOutcome.AnsweredByOther, AnsweredBy = result.AnsweredBy };
            default:
                return LinkResult.Invalid;
        }
    }

    /// <summary>"I'm away for today": the seller is away (not rung until available again) and stops ringing for this call.</summary>
    public Task<LinkResult> SetAwayAsync(string? token, LinkVisitor visitor, CancellationToken cancellationToken) =>
        ChangeDutyAsync(token, visitor, away: true, cancellationToken);

    /// <summary>"I'm available": the seller is on duty again (from Away or off duty alike).</summary>
    public Task<LinkResult> SetAvailableAsync(string? token, LinkVisitor visitor, CancellationToken cancellationToken) =>
        ChangeDutyAsync(token, visitor, away: false, cancellationToken);

    private async Task<LinkResult> ChangeDutyAsync(string? token, LinkVisitor visitor, bool away, CancellationToken cancellationToken)
    {
        var holder = await links.FindAsync(token, cancellationToken);
        if (holder is null) return LinkResult.Invalid;
        var state = await StateAsync(holder, visitor.SignedInUserId, cancellationToken);
        if (state.Outcome is LinkOutcome.Invalid or LinkOutcome.OtherUserSignedIn) return state;
        if (!visitor.IsPresent(holder.UserId)) return state with { TapNeeded = true };
        if (away)
        {
            await duty.SetAwayAsync(holder.UserId, cancellationToken);
            if (state.Outcome == LinkOutcome.Ringing) await incoming.DeclineAsync(holder.CallId, holder.UserId, cancellationToken);
        }
        else await duty.SetAvailableAsync(holder.UserId, cancellationToken);
        LogDutyChanged(logger, holder.UserId, away ? SellerStatus.Away : SellerStatus.Available);
        return await StateAsync(holder, visitor.SignedInUserId, cancellationToken);
    }

    /// <summary>The call behind a findable link as its seller sees it, with the seller's duty.</summary>
    private async Task<LinkResult> StateAsync(AcceptLinkHolder holder, string? signedInUserId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == holder.CallId && c.Kind == CallKind.Incoming)
            .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.Id, c.DealerId, c.LocationId, c.State, c.AcceptedByUserId, LocationName = l.Name })
            .SingleOrDefaultAsync(cancellationToken);
        var target = await db.RingTargets.AsNoTracking().Where(t => t.CallId == holder.CallId && t.UserId == holder.UserId)
            .Select(t => new { t.DeclinedUtc, t.NoShowUtc }).SingleOrDefaultAsync(cancellationToken);
        if (call is null || target is null || !await db.Users.AnyAsync(u => u.Id == holder.UserId && u.IsActive, cancellationToken))
            return LinkResult.Invalid;
        var customer = await db.CallParticipants.Where(p => p.CallId == call.Id && p.Kind == ParticipantKind.Customer)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var result = new LinkResult(LinkOutcome.Invalid, call.Id, call.DealerId, call.LocationId, customer, call.LocationName,
            SellerSignedIn: signedInUserId == holder.UserId);
        if (signedInUserId is not null && signedInUserId != holder.UserId) return result with { Outcome = LinkOutcome.OtherUserSignedIn };
        result = result with { Duty = await availability.StatusOfAsync(holder.UserId, cancellationToken) };

        if (call.AcceptedByUserId is { } winner)
        {
            if (winner == holder.UserId) return result with { Outcome = LinkOutcome.AnsweredBySeller };
            var name = await db.Users.Where(u => u.Id == winner).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            return result with { Outcome = LinkOutcome.AnsweredByOther, AnsweredBy = name };
        }
        // A ring whose time is over is missed, even in the second before the timeout sweep records it.
        if (call.State != CallState.Ringing || !holder.Accepts) return result with { Outcome = LinkOutcome.Missed };
        return result with { Outcome = target.DeclinedUtc is null && target.NoShowUtc is null ? LinkOutcome.Ringing : LinkOutcome.Declined };
    }

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId} accepted by user {UserId} through an accept link")]
    private static partial void LogAccepted(ILogger logger, Guid callId, string userId);

    [LoggerMessage(LogLevel.Information, "User {UserId} set {Status} through an accept link")]
    private static partial void LogDutyChanged(ILogger logger, string userId, SellerStatus status);
}
