using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Data;

/// <summary>First run in Development: a demo dealer with two locations and one account per role. Runs once (when no dealer exists).</summary>
public sealed partial class DemoSeeder(IServiceProvider services, IOptions<DemoSeedOptions> options, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContext();
        await using var _ = db;
        if (await db.Dealers.AnyAsync(cancellationToken)) return;

        var now = time.GetUtcNow().UtcDateTime;
        var dealer = new Dealer("Demo Motors", "demo-motors", "DE", now);
        var downtown = new Location(dealer.Id, "Downtown", "downtown", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen);
        var airport = new Location(dealer.Id, "Airport", "airport", "DE", "Europe/Berlin",
            OpeningHours.Weekly(new TimeOnly(8, 0), new TimeOnly(20, 0), DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday));
        db.Dealers.Add(dealer);
        db.Locations.AddRange(downtown, airport);
        var dealerBrand = Branding.ForDealer(dealer.Id);
        dealerBrand.SetTexts("Demo Motors", "#0d47a1", "Welcome to Demo Motors! Start a video call and one of our sellers will show you around.");
        db.Brandings.Add(dealerBrand);
        await db.SaveChangesAsync(cancellationToken);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var password = options.Value.DemoPassword;
        await CreateAsync(users, "admin@livecall.demo", "Platform Admin", null, StaffRole.PlatformAdmin, null, null, password, now);
        await CreateAsync(users, "dealer-admin@livecall.demo", "Dana Dealer", "+4915110000001", StaffRole.DealerAdmin, dealer.Id, null, password, now);
        await CreateAsync(users, "seller1@livecall.demo", "Sam Seller", "+4915110000002", StaffRole.Seller, dealer.Id, downtown.Id, password, now);
        await CreateAsync(users, "seller2@livecall.demo", "Sophie Seller", "+4915110000003", StaffRole.Seller, dealer.Id, downtown.Id, password, now);
        LogSeeded(logger);
    }

    private static async Task CreateAsync(UserManager<StaffUser> users, string email, string name, string? mobile, StaffRole role,
        Guid? dealerId, Guid? locationId, string password, DateTime now)
    {
        var user = StaffUser.Create(email, name, role, dealerId, locationId, now);
        user.SetProfile(name, mobile, "en");
        user.EmailConfirmed = true;
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding the demo failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [LoggerMessage(LogLevel.Information, "Seeded the demo dealer, locations and accounts")]
    private static partial void LogSeeded(ILogger logger);
}
