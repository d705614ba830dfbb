using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// Decides whether an SMS may be queued: destination country, per-number cooldown, per-user,
/// per-location and per-dealer daily caps and a global hourly cap. Counts what the outbox holds.
/// </summary>
public sealed class SmsGuard(IDbContextFactory<LiveCallDbContext> dbFactory, IOptions<SmsLimitsOptions> options, TimeProvider time)
{
    public async Task<SmsRefusal> CheckAsync(string toE164, string? userId, Guid? locationId, Guid? dealerId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var region = PhoneNormalizer.RegionOf(toE164);
        if (region is null || region == "ZZ") return SmsRefusal.InvalidNumber;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var allowed = await AllowedCountriesAsync(db, o, cancellationToken);
        if (!allowed.Contains(region, StringComparer.OrdinalIgnoreCase)) return SmsRefusal.CountryNotAllowed;

        var now = time.GetUtcNow().UtcDateTime;
        var sms = db.Outbox.Where(m => m.Channel == OutboxChannel.Sms && m.Status != OutboxStatus.Cancelled);
        if (o.CooldownPerNumber > TimeSpan.Zero)
        {
            var since = now - o.CooldownPerNumber;
            if (await sms.AnyAsync(m => m.Recipient == toE164 && m.CreatedUtc > since, cancellationToken)) return SmsRefusal.Cooldown;
        }

        var day = sms.Where(m => m.CreatedUtc > now.AddDays(-1));
        if (userId is not null && await day.CountAsync(m => m.RequestedByUserId == userId, cancellationToken) >= o.PerUserDaily)
            return SmsRefusal.UserDailyCap;
        if (locationId is not null && await day.CountAsync(m => m.LocationId == locationId, cancellationToken) >= o.PerLocationDaily)
            return SmsRefusal.LocationDailyCap;
        if (dealerId is not null && await day.CountAsync(m => m.DealerId == dealerId, cancellationToken) >= o.PerDealerDaily)
            return SmsRefusal.DealerDailyCap;
        var hourAgo = now.AddHours(-1);
        if (await sms.CountAsync(m => m.CreatedUtc > hourAgo, cancellationToken) >= o.GlobalHourly)
            return SmsRefusal.GlobalHourlyCap;
        return SmsRefusal.None;
    }

    private static async Task<IReadOnlyCollection<string>> AllowedCountriesAsync(LiveCallDbContext db, SmsLimitsOptions o, CancellationToken ct)
    {
        if (o.AllowedCountries.Length > 0) return o.AllowedCountries.Select(c => c.Trim().ToUpperInvariant()).ToList();
        var dealers = await db.Dealers.Select(d => d.Country).Distinct().ToListAsync(ct);
        var locations = await db.Locations.Select(l => l.Country).Distinct().ToListAsync(ct);
        return dealers.Concat(locations).Where(c => c.Length == 2).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
