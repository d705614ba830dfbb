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
        int globalHourly, CancellationToken cancellationToken) =>
        (await AllowanceAsync(db, channel, purpose, locationId, dealerId, globalHourly, 1, cancellationToken)).Take();

    /// <summary>
    /// What is left of the budgets for messages of this kind, location and dealer, read once (one command of counts) and
    /// then taken message by message in memory: in the enqueue's transaction (which holds the write lock) a batch of N
    /// messages counts exactly as N checks with an insert between each would, for the cost of one.
    /// </summary>
    public async Task<Allowance> AllowanceAsync(LiveCallDbContext db, OutboxChannel channel, OutboxPurpose purpose, Guid? locationId, Guid? dealerId,
        int globalHourly, int messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var dayAgo = now.AddDays(-1);
        var rows = Counted(db, channel);
        var allowance = new Allowance(BudgetOf(channel, KindOf(purpose)), locationId is not null, dealerId is not null, globalHourly, messages);
        // One command for the five counts (each its own subquery on its own index), rooted on one counted row: when there is
        // none, every count is zero.
        var kinds = PurposesOf(KindOf(purpose));
        var budgeted = allowance.Budget is not null;
        var day = rows.Where(m => budgeted && kinds.Contains(m.Purpose) && m.CreatedUtc > dayAgo);
        var location = day.Where(m => locationId != null && m.LocationId == locationId);
        var dealer = day.Where(m => dealerId != null && m.DealerId == dealerId);
        var hour = rows.Where(m => m.CreatedUtc > hourAgo);
        var counts = await rows.Take(1).Select(_ => new
        {
            LocationHour = location.Count(m => m.CreatedUtc > hourAgo),
            LocationDay = location.Count(),
            DealerHour = dealer.Count(m => m.CreatedUtc > hourAgo),
            DealerDay = dealer.Count(),
            GlobalHour = hour.Count(),
        }).FirstOrDefaultAsync(cancellationToken);
        if (counts is not null)
            (allowance.LocationHour, allowance.LocationDay, allowance.DealerHour, allowance.DealerDay, allowance.GlobalHour) =
                (counts.LocationHour, counts.LocationDay, counts.DealerHour, counts.DealerDay, counts.GlobalHour);
        // The global cap's shares (the cap split among the dealers that sent this hour) matter only once it is reached.
        if (allowance.GlobalHour + messages > globalHourly)
        {
            allowance.Dealers = await hour.Select(m => m.DealerId).Distinct().CountAsync(cancellationToken);
            allowance.Mine = await hour.CountAsync(m => m.DealerId == dealerId, cancellationToken);
            allowance.SharesRead = true;
        }
        return allowance;
    }

    /// <summary>Budgets left for one kind of message of one location and dealer; see <see cref="AllowanceAsync"/>.</summary>
    public sealed class Allowance(PurposeBudget? budget, bool hasLocation, bool hasDealer, int globalHourly, int messages)
    {
        public PurposeBudget? Budget { get; } = budget;
        internal int LocationHour, LocationDay, DealerHour, DealerDay, GlobalHour, Dealers, Mine;
        internal bool SharesRead;
        private int _taken;

        /// <summary>Refuses the next message (the reason) or counts it as queued; at most as many as it was read for.</summary>
        public SendRefusal Take()
        {
            if (_taken >= messages) throw new InvalidOperationException($"This allowance was read for {messages} messages.");
            if (Budget is { } b)
            {
                if (hasLocation && LocationHour >= b.PerLocationHourly) return SendRefusal.LocationHourlyCap;
                if (hasLocation && LocationDay >= b.PerLocationDaily) return SendRefusal.LocationDailyCap;
                if (hasDealer && DealerHour >= b.PerDealerHourly) return SendRefusal.DealerHourlyCap;
                if (hasDealer && DealerDay >= b.PerDealerDaily) return SendRefusal.DealerDailyCap;
            }
            // Over the global cap: only a dealer at or above its share is refused. Messages without a dealer (platform
            // accounts) share as one more tenant.
            if (GlobalHour >= globalHourly && (long)Mine * Math.Max(1, Dealers) >= globalHourly) return SendRefusal.GlobalHourlyCap;
            if (SharesRead && Mine == 0) Dealers++;
            LocationHour++;
            LocationDay++;
            DealerHour++;
            DealerDay++;
            GlobalHour++;
            Mine++;
            _taken++;
            return SendRefusal.None;
        }
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
