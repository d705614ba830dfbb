using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Admin;

/// <summary>
/// Dealer A is the seeded "Demo Motors"; dealer B is created here. Every admin read and action of a
/// dealer-A admin (and location admin, and seller) aimed at dealer B answers "not found" and changes nothing.
/// </summary>
public sealed class TenantIsolationTests : IClassFixture<TwoDealersFixture>
{
    private readonly TwoDealersFixture _f;

    public TenantIsolationTests(TwoDealersFixture fixture) => _f = fixture;

    private T Service<T>() where T : notnull => _f.App.Services.GetRequiredService<T>();

    [Fact]
    public async Task Dealers_DealerAdminSeesOnlyOwnDealer()
    {
        var list = await Service<DealerAdminService>().ListAsync(_f.AdminA, null, 0, 50, default);
        Assert.Equal(["Demo Motors"], list.Items.Select(d => d.Name));
        Assert.Null(await Service<DealerAdminService>().GetAsync(_f.AdminA, _f.DealerB, default));
    }

    [Fact]
    public async Task Dealers_UpdateOfAnotherDealer_IsNotFoundAndChangesNothing()
    {
        var result = await Service<DealerAdminService>().UpdateAsync(_f.AdminA, _f.DealerB, new DealerInput("Hijacked", "hijacked", "DE"), default);
        Assert.Equal(AdminOutcome.NotFound, result.Outcome);
        Assert.Equal("Other Cars", (await Service<DealerAdminService>().GetAsync(_f.Platform, _f.DealerB, default))!.Name);
    }

    [Fact]
    public async Task Dealers_OnlyPlatformAdminsCreateDealers() =>
        Assert.Equal(AdminOutcome.NotFound, (await Service<DealerAdminService>().CreateAsync(_f.AdminA, new DealerInput("New", "new-dealer", "DE"), default)).Outcome);

    [Fact]
    public async Task Locations_ListAndGet_StayInsideTheDealer()
    {
        var list = await Service<LocationAdminService>().ListAsync(_f.AdminA, null, null, 0, 50, default);
        Assert.DoesNotContain(list.Items, l => l.DealerId == _f.DealerB);
        Assert.Null(await Service<LocationAdminService>().GetAsync(_f.AdminA, _f.LocationB, default));
        Assert.Null(await Service<LocationAdminService>().GetAsync(_f.LocationAdminA, _f.AirportA, default)); // another location, same dealer
    }

    [Fact]
    public async Task Locations_CreateAndUpdateInAnotherDealer_AreNotFound()
    {
        var input = new LocationInput(_f.DealerB, "Sneaky", "sneaky", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen, 60);
        Assert.Equal(AdminOutcome.NotFound, (await Service<LocationAdminService>().CreateAsync(_f.AdminA, input, default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await Service<LocationAdminService>().UpdateAsync(_f.AdminA, _f.LocationB, input, default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await Service<LocationAdminService>().UpdateAsync(_f.SellerA, _f.DowntownA, input with { DealerId = _f.DealerA }, default)).Outcome);
    }

    [Fact]
    public async Task Users_ListAndGet_StayInsideTheScope()
    {
        var users = Service<UserAdminService>();
        Assert.DoesNotContain((await users.ListAsync(_f.AdminA, null, 0, 100, default)).Items, u => u.Email == "seller@other.test");
        Assert.Null(await users.GetAsync(_f.AdminA, _f.SellerBId, default));
        var seenByLocationAdmin = (await users.ListAsync(_f.LocationAdminA, null, 0, 100, default)).Items;
        Assert.All(seenByLocationAdmin, u => Assert.Equal("Downtown", u.LocationName));
        Assert.Equal([_f.SellerA.UserId], (await users.ListAsync(_f.SellerA, null, 0, 100, default)).Items.Select(u => u.Id));
    }

    [Fact]
    public async Task Users_CreateInAnotherDealersLocation_IsRefusedAndNothingIsSaved()
    {
        var result = await Service<UserAdminService>().CreateAsync(_f.AdminA,
            new UserInput("intruder@other.test", "Intruder", null, StaffRole.Seller, null, _f.LocationB, "en", true), _f.App.BaseAddress, default);
        Assert.False(result.Succeeded);
        Assert.False(await _f.UserExistsAsync("intruder@other.test"));
    }

    [Fact]
    public async Task Users_UpdateOfAnotherDealersUser_IsNotFound()
    {
        var result = await Service<UserAdminService>().UpdateAsync(_f.AdminA, _f.SellerBId,
            new UserInput("seller@other.test", "Renamed", null, StaffRole.Seller, null, _f.DowntownA, "en", false), default);
        Assert.Equal(AdminOutcome.NotFound, result.Outcome);
        Assert.Equal("Bea Seller", (await Service<UserAdminService>().GetAsync(_f.Platform, _f.SellerBId, default))!.DisplayName);
    }

    [Fact]
    public async Task Users_NoAdminGivesARoleAboveTheirOwn()
    {
        var result = await Service<UserAdminService>().CreateAsync(_f.AdminA,
            new UserInput("boss@demo.test", "Boss", null, StaffRole.PlatformAdmin, null, null, "en", true), _f.App.BaseAddress, default);
        Assert.Equal(ErrorKeys.RoleNotAllowed, result.Errors[nameof(UserInput.Role)]);
        var byLocationAdmin = await Service<UserAdminService>().CreateAsync(_f.LocationAdminA,
            new UserInput("elsewhere@demo.test", "Elsewhere", null, StaffRole.Seller, null, _f.AirportA, "en", true), _f.App.BaseAddress, default);
        Assert.False(byLocationAdmin.Succeeded);
        Assert.False(await _f.UserExistsAsync("elsewhere@demo.test"));
    }

    [Fact]
    public async Task Branding_OfAnotherDealer_CanNeitherBeReadNorChanged()
    {
        var branding = Service<BrandingService>();
        Assert.Equal(AdminOutcome.NotFound, (await branding.GetAsync(_f.AdminA, BrandingLevel.Dealer, _f.DealerB, null, default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await branding.SaveTextsAsync(_f.AdminA, BrandingLevel.Dealer, _f.DealerB, null, new BrandingTexts("X", null, null), default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await branding.SaveTextsAsync(_f.AdminA, BrandingLevel.Location, null, _f.LocationB, new BrandingTexts("X", null, null), default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await branding.SetLogoAsync(_f.AdminA, BrandingLevel.Platform, null, null, null, default)).Outcome);
        Assert.Equal("Other Cars", (await branding.ResolveAsync(_f.DealerB, _f.LocationB, default)).DisplayName);
    }

    [Fact]
    public async Task Outbox_ShowsOnlyTheDealersOwnMessages()
    {
        var rows = (await Service<OutboxQueries>().ListAsync(_f.AdminA, null, null, 0, 100, default)).Items;
        Assert.DoesNotContain(rows, r => r.Recipient.EndsWith("@other.test"));
        Assert.Contains((await Service<OutboxQueries>().ListAsync(_f.Platform, null, null, 0, 100, default)).Items, r => r.Recipient == "seller@other.test");
        Assert.Empty((await Service<OutboxQueries>().ListAsync(_f.SellerA, null, null, 0, 100, default)).Items);
    }

    [Theory]
    [InlineData("admin/users/{SellerB}")]
    [InlineData("admin/locations/{LocationB}")]
    [InlineData("admin/dealers/{DealerB}")]
    [InlineData("admin/users/no-such-user")]
    [InlineData("admin/locations/00000000-0000-0000-0000-000000000001")]
    public async Task Pages_ForAnotherDealersEntity_ShowNotFound(string path)
    {
        using var client = new StaffHttpClient(_f.App.BaseAddress);
        await client.LoginAsync("dealer-admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        var url = path.Replace("{SellerB}", _f.SellerBId).Replace("{LocationB}", _f.LocationB.ToString()).Replace("{DealerB}", _f.DealerB.ToString());

        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", html);
        Assert.DoesNotContain("Other Cars", html);
        Assert.DoesNotContain("Bea Seller", html);
    }

    [Fact]
    public async Task Pages_AdminAreaIsClosedToSellers()
    {
        using var client = new StaffHttpClient(_f.App.BaseAddress);
        await client.LoginAsync("seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
        var response = await client.GetAsync("admin/users");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location!.ToString());
    }
}

public sealed class TwoDealersFixture : IAsyncLifetime
{
    public LiveCallAppFactory App { get; } = new();
    public TenantScope Platform { get; private set; } = default!;
    public TenantScope AdminA { get; private set; } = default!;
    public TenantScope LocationAdminA { get; private set; } = default!;
    public TenantScope SellerA { get; private set; } = default!;
    public Guid DealerA { get; private set; }
    public Guid DowntownA { get; private set; }
    public Guid AirportA { get; private set; }
    public Guid DealerB { get; private set; }
    public Guid LocationB { get; private set; }
    public string SellerBId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var baseUri = App.BaseAddress;
        await using var db = await Db();
        var admin = await db.Users.SingleAsync(u => u.Email == "admin@livecall.demo");
        Platform = TenantScope.For(admin);
        AdminA = TenantScope.For(await db.Users.SingleAsync(u => u.Email == "dealer-admin@livecall.demo"));
        SellerA = TenantScope.For(await db.Users.SingleAsync(u => u.Email == "seller1@livecall.demo"));
        DealerA = AdminA.DealerId!.Value;
        DowntownA = (await db.Locations.SingleAsync(l => l.Slug == "downtown")).Id;
        AirportA = (await db.Locations.SingleAsync(l => l.Slug == "airport")).Id;

        var services = App.Services;
        var dealer = await services.GetRequiredService<DealerAdminService>().CreateAsync(Platform, new DealerInput("Other Cars", "other-cars", "AT"), default);
        DealerB = dealer.Value!.Id;
        var location = await services.GetRequiredService<LocationAdminService>().CreateAsync(Platform,
            new LocationInput(DealerB, "Vienna", "vienna", "AT", "Europe/Vienna", OpeningHours.AlwaysOpen, 60), default);
        LocationB = location.Value!.Id;
        await services.GetRequiredService<BrandingService>().SaveTextsAsync(Platform, BrandingLevel.Dealer, DealerB, null, new BrandingTexts("Other Cars", "#aa0000", null), default);
        var users = services.GetRequiredService<UserAdminService>();
        SellerBId = (await users.CreateAsync(Platform, new UserInput("seller@other.test", "Bea Seller", "0664 1234567", StaffRole.Seller, null, LocationB, "de", true), baseUri, default)).Value!.Id;
        var locationAdmin = await users.CreateAsync(Platform, new UserInput("la@demo.test", "Lea Location", null, StaffRole.LocationAdmin, null, DowntownA, "en", true), baseUri, default);
        LocationAdminA = new TenantScope(locationAdmin.Value!.Id, StaffRole.LocationAdmin, DealerA, DowntownA);
    }

    public async Task<bool> UserExistsAsync(string email)
    {
        await using var db = await Db();
        return await db.Users.AnyAsync(u => u.Email == email);
    }

    private Task<LiveCallDbContext> Db() => App.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
