using LiveCall.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// Whether this customer may ring this location now (<see cref="RingLimitsOptions"/>). Counts the location's incoming calls
/// in the caller's transaction, which on SQLite holds the write lock (BEGIN IMMEDIATE) until the new call is committed.
/// </summary>
public sealed class CustomerLimits(IOptions<RingLimitsOptions> options)
{
    public async Task<RingRefusal> CheckAsync(LiveCallDbContext db, Guid locationId, CustomerKeys hashed, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var hourAgo = nowUtc.AddHours(-1);
        var calls = db.Calls.Where(c => c.LocationId == locationId && c.Kind == CallKind.Incoming);
        var ringing = calls.Where(c => c.State == CallState.Ringing);
        var recent = calls.Where(c => c.CreatedUtc > hourAgo);

        if (hashed.Browser is { } browser)
        {
            if (await ringing.AnyAsync(c => c.CustomerBrowserKey == browser, cancellationToken)) return RingRefusal.AlreadyWaiting;
            if (await recent.CountAsync(c => c.CustomerBrowserKey == browser, cancellationToken) >= o.PerCustomerHourly) return RingRefusal.TooManyCalls;
        }
        if (hashed.Contact is { } contact)
        {
            if (await ringing.AnyAsync(c => c.CustomerContactKey == contact, cancellationToken)) return RingRefusal.AlreadyWaiting;
            if (await recent.CountAsync(c => c.CustomerContactKey == contact, cancellationToken) >= o.PerCustomerHourly) return RingRefusal.TooManyCalls;
        }
        if (hashed.Network is { } network)
        {
            if (await ringing.CountAsync(c => c.CustomerNetworkKey == network, cancellationToken) >= o.PerNetworkAtOnce) return RingRefusal.TooManyCalls;
            if (await recent.CountAsync(c => c.CustomerNetworkKey == network, cancellationToken) >= o.PerNetworkHourly) return RingRefusal.TooManyCalls;
        }
        return RingRefusal.None;
    }
}
