using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Bench.Ring;

/// <summary>The ring benches' world: dealer "bench-motors" with its always-open location "downtown" and its sellers, each with an open dashboard.</summary>
public static class BenchLocation
{
    public const string Dealer = "bench-motors";
    public const string Slug = "downtown";

    public static async Task<(Location Location, IReadOnlyList<TenantScope> Sellers)> SeedAsync(IDbContextFactory<LiveCallDbContext> factory,
        PresenceService presence, int sellerCount, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var dealer = new Dealer("Bench Motors", Dealer, "DE", now);
        var location = new Location(dealer.Id, "Downtown", Slug, "DE", "Europe/Berlin", OpeningHours.AlwaysOpen);
        var users = Enumerable.Range(0, Math.Max(sellerCount, 1))
            .Select(i => StaffUser.Create($"seller{i}@bench.test", $"Seller {i}", StaffRole.Seller, dealer.Id, location.Id, now)).ToList();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.AddRange(dealer, location);
            db.AddRange(users);
            await db.SaveChangesAsync(ct);
        }
        var scopes = users.Select(TenantScope.For).ToList();
        foreach (var scope in scopes) await presence.OpenAsync(Guid.NewGuid().ToString(), "bench", scope, ct);
        return (location, scopes);
    }

    /// <summary>Ends the call straight away (nobody joined), so every seller is available for the next round.</summary>
    public static async Task EndAsync(IDbContextFactory<LiveCallDbContext> factory, Guid callId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var call = await db.Calls.FindAsync([callId], ct);
        call!.State = CallState.Ended;
        await db.SaveChangesAsync(ct);
    }
}
