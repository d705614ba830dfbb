using LiveCall.Core.Admin;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Admin;

/// <summary>
/// Dealer A is the seeded "Demo Motors"; dealer B is created here. Every admin read and action of a
/// dealer-A admin (and location admin, and seller) aimed at dealer B answers "not found" and changes nothing.
/// </summary>
public sealed class TenantIsolationTests(LiveCallAppFactory app) : IClassFixture<LiveCallAppFactory>, IAsyncLifetime
{
    private TwoDealers _f = default!;

    public async Task InitializeAsync() => _f = await app.Data.TwoDealersAsync(app.BaseAddress);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Dealers_DealerAdminSeesOnlyOwnDealer()
    {
        var list = await app.Get<DealerAdminService>().ListAsync(_f.AdminA, null, 0, 50, default);
        Assert.Equal(["Demo Motors"], list.Items.Select(d => d.Name));
        Assert.Null(await app.Get<DealerAdminService>().GetAsync(_f.AdminA, _f.DealerB, default));
    }

    [Fact]
    public async Task Dealers_UpdateOfAnotherDealer_IsNotFoundAndChangesNothing()
    {
        var result = await app.Get<DealerAdminService>().UpdateAsync(_f.AdminA, _f.DealerB, new DealerInput("Hijacked", "hijacked", "DE"), default);
        Assert.Equal(AdminOutcome.NotFound, result.Outcome);
        Assert.Equal("Other Cars", (await app.Get<DealerAdminService>().GetAsync(_f.Platform, _f.DealerB, default))!.Name);
    }

    [Fact]
    public async Task Dealers_OnlyPlatformAdminsCreateDealers() =>
        Assert.Equal(AdminOutcome.NotFound, (await app.Get<DealerAdminService>().CreateAsync(_f.AdminA, new DealerInput("New", "new-dealer", "DE"), default)).Outcome);

    [Fact]
    public async Task Locations_ListAndGet_StayInsideTheDealer()
    {
        var list = await app.Get<LocationAdminService>().ListAsync(_f.AdminA, null, null, 0, 50, default);
        Assert.DoesNotContain(list.Items, l => l.DealerId == _f.DealerB);
        Assert.Null(await app.Get<LocationAdminService>().GetAsync(_f.AdminA, _f.LocationB, default));
        Assert.Null(await app.Get<LocationAdminService>().GetAsync(_f.LocationAdminA, _f.AirportA, default)); // another location, same dealer
    }

    [Fact]
    public async Task Locations_CreateAndUpdateInAnotherDealer_AreNotFound()
    {
        var input = new LocationInput(_f.DealerB, "Sneaky", "sneaky", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen, 60);
        Assert.Equal(AdminOutcome.NotFound, (await app.Get<LocationAdminService>().CreateAsync(_f.AdminA, input, default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await app.Get<LocationAdminService>().UpdateAsync(_f.AdminA, _f.LocationB, input, default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await app.Get<LocationAdminService>().UpdateAsync(_f.SellerA, _f.DowntownA, input with { DealerId = _f.DealerA }, default)).Outcome);
    }

    [Fact]
    public async Task Users_ListAndGet_StayInsideTheScope()
    {
        var users = app.Get<UserAdminService>();
        Assert.DoesNotContain((await users.ListAsync(_f.AdminA, null, 0, 100, default)).Items, u => u.Email == "seller@other.test");
        Assert.Null(await users.GetAsync(_f.AdminA, _f.SellerBId, default));
        var seenByLocationAdmin = (await users.ListAsync(_f.LocationAdminA, null, 0, 100, default)).Items;
        Assert.All(seenByLocationAdmin, u => Assert.Equal("Downtown", u.LocationName));
        Assert.Equal([_f.SellerA.UserId], (await users.ListAsync(_f.SellerA, null, 0, 100, default)).Items.Select(u => u.Id));
    }

    [Fact]
    public async Task Users_CreateInAnotherDealersLocation_IsRefusedAndNothingIsSaved()
    {
        var result = await app.Get<UserAdminService>().CreateAsync(_f.AdminA,
            new UserInput("intruder@other.test", "Intruder", null, StaffRole.Seller, null, _f.LocationB, "en", true), app.BaseAddress, default);
        Assert.False(result.Succeeded);
        Assert.False(await app.Data.UserExistsAsync("intruder@other.test"));
    }

    [Fact]
    public async Task Users_UpdateOfAnotherDealersUser_IsNotFound()
    {
        var result = await app.Get<UserAdminService>().UpdateAsync(_f.AdminA, _f.SellerBId,
            new UserInput("seller@other.test", "Renamed", null, StaffRole.Seller, null, _f.DowntownA, "en", false), default);
        Assert.Equal(AdminOutcome.NotFound, result.Outcome);
        Assert.Equal("Bea Seller", (await app.Get<UserAdminService>().GetAsync(_f.Platform, _f.SellerBId, default))!.DisplayName);
    }

    [Fact]
    public async Task Users_ALocationAdminCannotChangeAnotherLocationAdminsEmail_ToTakeTheAccountOver()
    {
        var users = app.Get<UserAdminService>();
        var created = await users.CreateAsync(_f.LocationAdminA,
            new UserInput("peer.admin@demo.test", "Peer Admin", null, StaffRole.LocationAdmin, _f.DealerA, _f.DowntownA, "en", true), app.BaseAddress, default);
        Assert.True(created.Succeeded);
        var peer = created.Value!.Id;

        var takeover = await users.UpdateAsync(_f.LocationAdminA, peer,
            new UserInput("attacker@evil.test", "Peer Admin", null, StaffRole.LocationAdmin, _f.DealerA, _f.DowntownA, "en", true), default);

        Assert.Equal(AdminOutcome.NotFound, takeover.Outcome);
        Assert.False(await users.ResendActivationAsync(_f.LocationAdminA, peer, app.BaseAddress, default));
        Assert.Equal("peer.admin@demo.test", (await users.GetAsync(_f.Platform, peer, default))!.Email);
        // Their own account, and the peer's for the dealer admin above them, stay editable.
        var self = await users.GetAsync(_f.Platform, _f.LocationAdminA.UserId, default);
        Assert.True((await users.UpdateAsync(_f.LocationAdminA, self!.Id,
            new UserInput(self.Email!, self.DisplayName, self.Mobile, self.Role, self.DealerId, self.LocationId, self.Language, true), default)).Succeeded);
        Assert.True((await users.UpdateAsync(_f.AdminA, peer,
            new UserInput("peer.admin@demo.test", "Peer Admin Renamed", null, StaffRole.LocationAdmin, _f.DealerA, _f.DowntownA, "en", true), default)).Succeeded);
    }

    [Fact]
    public async Task Users_NoAdminGivesARoleAboveTheirOwn()
    {
        var result = await app.Get<UserAdminService>().CreateAsync(_f.AdminA,
            new UserInput("boss@demo.test", "Boss", null, StaffRole.PlatformAdmin, null, null, "en", true), app.BaseAddress, default);
        Assert.Equal(ErrorKeys.RoleNotAllowed, result.Errors[nameof(UserInput.Role)]);
        var byLocationAdmin = await app.Get<UserAdminService>().CreateAsync(_f.LocationAdminA,
            new UserInput("elsewhere@demo.test", "Elsewhere", null, StaffRole.Seller, null, _f.AirportA, "en", true), app.BaseAddress, default);
        Assert.False(byLocationAdmin.Succeeded);
        Assert.False(await app.Data.UserExistsAsync("elsewhere@demo.test"));
    }

    [Fact]
    public async Task Branding_OfAnotherDealer_CanNeitherBeReadNorChanged()
    {
        var branding = app.Get<BrandingService>();
        Assert.Equal(AdminOutcome.NotFound, (await branding.GetAsync(_f.AdminA, BrandingLevel.Dealer, _f.DealerB, null, default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await branding.SaveTextsAsync(_f.AdminA, BrandingLevel.Dealer, _f.DealerB, null, new BrandingTexts("X", null, null), default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await branding.SaveTextsAsync(_f.AdminA, BrandingLevel.Location, null, _f.LocationB, new BrandingTexts("X", null, null), default)).Outcome);
        Assert.Equal(AdminOutcome.NotFound, (await branding.SetLogoAsync(_f.AdminA, BrandingLevel.Platform, null, null, null, default)).Outcome);
        Assert.Equal("Other Cars", (await branding.ResolveAsync(_f.DealerB, _f.LocationB, default)).DisplayName);
    }

    [Fact]
    public async Task Outbox_ShowsOnlyTheDealersOwnMessages()
    {
        var rows = (await app.Get<OutboxQueries>().ListAsync(_f.AdminA, null, null, 0, 100, default)).Items;
        Assert.DoesNotContain(rows, r => r.Recipient.EndsWith("@other.test"));
        Assert.Contains((await app.Get<OutboxQueries>().ListAsync(_f.Platform, null, null, 0, 100, default)).Items, r => r.Recipient == "seller@other.test");
        Assert.Empty((await app.Get<OutboxQueries>().ListAsync(_f.SellerA, null, null, 0, 100, default)).Items);
    }

    [Theory]
    [InlineData("admin/users/{SellerB}")]
    [InlineData("admin/locations/{LocationB}")]
    [InlineData("admin/dealers/{DealerB}")]
    [InlineData("admin/users/no-such-user")]
    [InlineData("admin/locations/00000000-0000-0000-0000-000000000001")]
    public async Task Pages_ForAnotherDealersEntity_ShowNotFound(string path)
    {
        using var client = new StaffHttpClient(app.BaseAddress);
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
        using var client = new StaffHttpClient(app.BaseAddress);
        await client.LoginAsync("seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
        var response = await client.GetAsync("admin/users");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location!.ToString());
    }
}
