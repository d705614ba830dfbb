using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Budgets;

/// <summary>
/// The budgets of <see cref="MessageBudgetsOptions"/> and the global hourly caps, counted in the outbox (so every instance
/// counts the same rows): what a location and its dealer queued of this kind in the last hour and day, and the global cap,
/// which refuses only a dealer that sent at least its share of it.
/// </summary>
public sealed class SendBudgets(IOptions<MessageBudgetsOptions> options, TimeProvider time)
{
    /// <summary>Messages that cost something or still may: everything but the withdrawn and the refused.</summary>
    public static IQueryable<OutboxMessage> Counted(LiveCallDbContext db, OutboxChannel channel) =>
        db.Outbox.Where(m => m.Channel == channel && m.Status != OutboxStatus.Cancelled && m.Status != OutboxStatus.Refused);

    public async Task<SendRefusal> CheckAsync(LiveCallDbContext db, OutboxChannel channel, OutboxPurpose purpose, Guid? locationId, Guid? dealerId,
        int globalHourly, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var dayAgo = now.AddDays(-1);
        var rows = Counted(db, channel);
        var kind = KindOf(purpose);
        if (BudgetOf(channel, kind) is { } budget)
        {
            var kinds = PurposesOf(kind);
            var day = rows.Where(m => kinds.Contains(m.Purpose) && m.CreatedUtc > dayAgo);
            if (locationId is not null)
            {
                var location = day.Where(m => m.LocationId == locationId);
                if (await location.CountAsync(m => m.CreatedUtc > hourAgo, cancellationToken) >= budget.PerLocationHourly) return SendRefusal.LocationHourlyCap;
                if (await location.CountAsync(cancellationToken) >= budget.PerLocationDaily) return SendRefusal.LocationDailyCap;
            }
            if (dealerId is not null)
            {
                var dealer = day.Where(m => m.DealerId == dealerId);
                if (await dealer.CountAsync(m => m.CreatedUtc > hourAgo, cancellationToken) >= budget.PerDealerHourly) return SendRefusal.DealerHourlyCap;
                if (await dealer.CountAsync(cancellationToken) >= budget.PerDealerDaily) return SendRefusal.DealerDailyCap;
            }
        }

        var hour = rows.Where(m => m.CreatedUtc > hourAgo);
        if (await hour.CountAsync(cancellationToken) < globalHourly) return SendRefusal.None;
        // Over the global cap: only a dealer at or above its share (the cap split among the dealers that sent this hour) is
        // refused. Messages without a dealer (platform accounts) share as one more tenant.
        var dealers = Math.Max(1, await hour.Select(m => m.DealerId).Distinct().CountAsync(cancellationToken));
        var mine = await hour.CountAsync(m => m.DealerId == dealerId, cancellationToken);
        return (long)mine * dealers >= globalHourly ? SendRefusal.GlobalHourlyCap : SendRefusal.None;
    }

    private enum Kind { None, Ring, Invitation, Account }

    /// <summary>Which budget a purpose draws on (none for <see cref="OutboxPurpose.Other"/>: only the global cap).</summary>
    private static Kind KindOf(OutboxPurpose purpose) => purpose switch
    {
        OutboxPurpose.IncomingCall or OutboxPurpose.RingOutcome => Kind.Ring,
        OutboxPurpose.FollowUpInvitation => Kind.Invitation,
        OutboxPurpose.Activation or OutboxPurpose.PasswordReset => Kind.Account,
        _ => Kind.None,
    };

    /// <summary>The purposes that draw on a budget: derived from <see cref="KindOf"/>, so the two can never disagree.</summary>
    private static OutboxPurpose[] PurposesOf(Kind kind) => Enum.GetValues<OutboxPurpose>().Where(p => KindOf(p) == kind).ToArray();

    private PurposeBudget? BudgetOf(OutboxChannel channel, Kind kind) => (channel, kind) switch
    {
        (OutboxChannel.Sms, Kind.Ring) => options.Value.Sms.Ring,
        (OutboxChannel.Sms, Kind.Invitation) => options.Value.Sms.Invitation,
        (OutboxChannel.Email, Kind.Ring) => options.Value.Email.Ring,
        (OutboxChannel.Email, Kind.Invitation) => options.Value.Email.Invitation,
        (OutboxChannel.Email, Kind.Account) => options.Value.Email.Account,
        _ => null,
    };
}
