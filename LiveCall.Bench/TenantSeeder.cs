using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Bench;

/// <summary>Dealers and locations across several time zones (through EF: a few hundred rows), plus some staff online.</summary>
public static class TenantSeeder
{
    // Each dealer is a chain in one region; US chains span four zones.
    private static readonly (string Country, string[] Zones)[] Regions =
    [
        ("DE", ["Europe/Berlin"]),
        ("GB", ["Europe/London"]),
        ("US", ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]),
        ("AU", ["Australia/Sydney", "Australia/Perth"]),
        ("JP", ["Asia/Tokyo"]),
        ("BR", ["America/Sao_Paulo"]),
        ("NZ", ["Pacific/Auckland"]),
        ("IN", ["Asia/Kolkata"]),
    ];

    public static async Task<IReadOnlyList<SeededLocation>> SeedAsync(IDbContextFactory<LiveCallDbContext> factory, int dealers,
        int locationsPerDealer, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var seeded = new List<SeededLocation>();
        for (var d = 0; d < dealers; d++)
        {
            var (country, zones) = Regions[d % Regions.Length];
            var dealer = new Dealer($"Dealer {d + 1}", $"dealer-{d + 1}", country, now.UtcDateTime.AddYears(-3));
            db.Dealers.Add(dealer);
            // A few big chains, a long tail of small ones.
            var dealerWeight = 1.0 / (1 + 0.2 * d);
            for (var l = 0; l < locationsPerDealer; l++)
            {
                var zone = zones[l % zones.Length];
                var location = new Location(dealer.Id, $"Location {d + 1}.{l + 1}", $"location-{l + 1}", country, zone, OpeningHours.AlwaysOpen);
                db.Locations.Add(location);
                seeded.Add(new SeededLocation(dealer.Id, location.Id, TimeZoneInfo.FindSystemTimeZoneById(zone), dealerWeight * (0.5 + random.NextDouble())));
                // About half the locations have a seller or two online.
                for (var s = 0; s < random.Next(0, 3); s++)
                    db.Presence.Add(new StaffPresence($"circuit-{d}-{l}-{s}", "bench", $"user-{d}-{l}-{s}", dealer.Id, location.Id, now.UtcDateTime));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return seeded;
    }
}
