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
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        var region = PhoneNormalizer.RegionOf(toE164);
        if (region is null || region == "ZZ") return SendRefusal.InvalidNumber;

        var allowed = await AllowedCountriesAsync(db, o, cancellationToken);
        if (!allowed.Contains(region, StringComparer.OrdinalIgnoreCase)) return SendRefusal.CountryNotAllowed;

        var now = time.GetUtcNow().UtcDateTime;
        var sms = SendBudgets.Counted(db, OutboxChannel.Sms);
        if (o.CooldownPerNumber > TimeSpan.Zero)
        {
            var since = now - o.CooldownPerNumber;
            if (await sms.AnyAsync(m => m.Recipient == toE164 && m.CreatedUtc > since, cancellationToken)) return SendRefusal.Cooldown;
        }

        var day = sms.Where(m => m.CreatedUtc > now.AddDays(-1));
        if (userId is not null && await day.CountAsync(m => m.RequestedByUserId == userId, cancellationToken) >= o.PerUserDaily)
            return SendRefusal.UserDailyCap;
        if (locationId is not null && await day.CountAsync(m => m.LocationId == locationId, cancellationToken) >= o.PerLocationDaily)
            return SendRefusal.LocationDailyCap;
        if (dealerId is not null && await day.CountAsync(m => m.DealerId == dealerId, cancellationToken) >= o.PerDealerDaily)
            return SendRefusal.DealerDailyCap;
        return await budgets.CheckAsync(db, OutboxChannel.Sms, purpose, locationId, dealerId, o.GlobalHourly, cancellationToken);
    }

    private static async Task<IReadOnlyCollection<string>> AllowedCountriesAsync(LiveCallDbContext db, SmsLimitsOptions o, CancellationToken ct)
    {
        if (o.AllowedCountries.Length > 0) return o.AllowedCountries.Select(c => c.Trim().ToUpperInvariant()).ToList();
        var dealers = await db.Dealers.Select(d => d.Country).Distinct().ToListAsync(ct);
        var locations = await db.Locations.Select(l => l.Country).Distinct().ToListAsync(ct);
        return dealers.Concat(locations).Where(c => c.Length == 2).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
