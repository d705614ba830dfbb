using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Budgets;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// Decides whether an SMS may be queued: destination country, per-number cooldown, per-user, per-location and per-dealer
/// daily caps, the budgets of its kind (<see cref="SendBudgets"/>) and the global hourly cap (which refuses only the dealers
/// at or above their share). Counts what the outbox holds.
/// </summary>
public sealed class SmsGuard(IDbContextFactory<LiveCallDbContext> dbFactory, IOptions<SmsLimitsOptions> options, SendBudgets budgets, TimeProvider time)
{
    /// <summary>A look ahead (e.g. before a FollowUp call is created); the enqueue checks again.</summary>
    public async Task<SendRefusal> CheckAsync(string toE164, OutboxPurpose purpose, string? userId, Guid? locationId, Guid? dealerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CheckAsync(db, toE164, purpose, userId, locationId, dealerId, cancellationToken);
    }

    /// <summary>The check in the caller's context (the enqueue's transaction).</summary>
    public async Task<SendRefusal> CheckAsync(LiveCallDbContext db, string toE164, OutboxPurpose purpose, string? userId, Guid? locationId, Guid? dealerId,
        CancellationToken cancellationToken) =>
        (await AllowanceAsync(db, [toE164], purpose, userId, locationId, dealerId, cancellationToken)).Take(toE164);

    /// <summary>
    /// The limits for a batch of SMS of one purpose, sender, location and dealer (a ring's sellers), read once, a few
    /// commands whatever the batch's size, then taken number by number in memory. In the enqueue's transaction (which holds
    /// the write lock) a batch decides exactly as one check and insert after the other would: a number twice in the batch
    /// is in its cooldown the second time, and every queued SMS counts towards the caps of the next.
    /// </summary>
    public async Task<Allowance> AllowanceAsync(LiveCallDbContext db, IReadOnlyCollection<string> recipients, OutboxPurpose purpose, string? userId,
        Guid? locationId, Guid? dealerId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var allowed = await AllowedCountriesAsync(db, o, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var sms = SendBudgets.Counted(db, OutboxChannel.Sms);
        var cooling = new HashSet<string>(StringComparer.Ordinal);
        if (o.CooldownPerNumber > TimeSpan.Zero)
        {
            var since = now - o.CooldownPerNumber;
            var numbers = recipients.Distinct().ToList();
            cooling.UnionWith(await sms.Where(m => numbers.Contains(m.Recipient) && m.CreatedUtc > since).Select(m => m.Recipient).Distinct().ToListAsync(cancellationToken));
        }
        // The three daily caps in one command (each its own subquery), rooted on one counted SMS: with none, all are zero.
        var day = sms.Where(m => m.CreatedUtc > now.AddDays(-1));
        var caps = await sms.Take(1).Select(_ => new
        {
            User = day.Count(m => userId != null && m.RequestedByUserId == userId),
            Location = day.Count(m => locationId != null && m.LocationId == locationId),
            Dealer = day.Count(m => dealerId != null && m.DealerId == dealerId),
        }).FirstOrDefaultAsync(cancellationToken);
        var budget = await budgets.AllowanceAsync(db, OutboxChannel.Sms, purpose, locationId, dealerId, o.GlobalHourly, recipients.Count, cancellationToken);
        return new Allowance(o, allowed, cooling, budget, userId is not null, locationId is not null, dealerId is not null)
        {
            UserDay = caps?.User ?? 0,
            LocationDay = caps?.Location ?? 0,
            DealerDay = caps?.Dealer ?? 0,
        };
    }

    /// <summary>What is left of the SMS limits for one batch; see <see cref="AllowanceAsync"/>.</summary>
    public sealed class Allowance(SmsLimitsOptions o, IReadOnlyCollection<string> allowedCountries, HashSet<string> cooling, SendBudgets.Allowance budget,
        bool hasUser, bool hasLocation, bool hasDealer)
    {
        internal int UserDay, LocationDay, DealerDay;

        /// <summary>Refuses the SMS to this number (the reason) or counts it as queued.</summary>
        public SendRefusal Take(string toE164)
        {
            var region = PhoneNormalizer.RegionOf(toE164);
            if (region is null || region == "ZZ") return SendRefusal.InvalidNumber;
            if (!allowedCountries.Contains(region, StringComparer.OrdinalIgnoreCase)) return SendRefusal.CountryNotAllowed;
            if (o.CooldownPerNumber > TimeSpan.Zero && cooling.Contains(toE164)) return SendRefusal.Cooldown;
            if (hasUser && UserDay >= o.PerUserDaily) return SendRefusal.UserDailyCap;
            if (hasLocation && LocationDay >= o.PerLocationDaily) return SendRefusal.LocationDailyCap;
            if (hasDealer && DealerDay >= o.PerDealerDaily) return SendRefusal.DealerDailyCap;
            var refusal = budget.Take();
            if (refusal != SendRefusal.None) return refusal;
            cooling.Add(toE164);
            UserDay++;
            LocationDay++;
            DealerDay++;
            return SendRefusal.None;
        }
    }

    /// <summary>The configured countries, else those of the dealers and locations (one command).</summary>
    private static async Task<IReadOnlyCollection<string>> AllowedCountriesAsync(LiveCallDbContext db, SmsLimitsOptions o, CancellationToken ct)
    {
        if (o.AllowedCountries.Length > 0) return o.AllowedCountries.Select(c => c.Trim().ToUpperInvariant()).ToList();
        var countries = await db.Dealers.Select(d => d.Country).Union(db.Locations.Select(l => l.Country)).ToListAsync(ct);
        return countries.Where(c => c.Length == 2).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
