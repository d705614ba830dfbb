using LiveCall.Core.Admin;
using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Admin;

/// <summary>Bad input to the admin services: a message per field, and nothing saved half-way.</summary>
public sealed class AdminValidationTests(ServiceHost host) : IClassFixture<ServiceHost>, IAsyncLifetime
{
    private TwoDealers _f = default!;

    public async Task InitializeAsync() => _f = await host.Data.TwoDealersAsync(ServiceHost.PublicAddress);

    public Task DisposeAsync() => Task.CompletedTask;

    private UserInput Seller(string email, string? mobile = null) => new(email, "Some Seller", mobile, StaffRole.Seller, null, _f.DowntownA, "en", true);

    [Fact]
    public async Task CreateUser_WithADuplicateEmail_SaysSoAndSendsNothing()
    {
        var before = await OutboxCountAsync();
        var result = await host.Get<UserAdminService>().CreateAsync(_f.AdminA, Seller("SELLER1@livecall.demo"), ServiceHost.PublicAddress, default);
        Assert.Equal(ErrorKeys.EmailTaken, result.Errors[nameof(UserInput.Email)]);
        Assert.Equal(before, await OutboxCountAsync());
    }

    [Theory]
    [InlineData("0151 1234567X")]
    [InlineData("030 1234567")]
    [InlineData("+99 123")]
    public async Task CreateUser_WithAnInvalidMobile_SaysSoAndSavesNothing(string mobile)
    {
        var email = $"m{Guid.NewGuid():N}@demo.test";
        var result = await host.Get<UserAdminService>().CreateAsync(_f.AdminA, Seller(email, mobile), ServiceHost.PublicAddress, default);
        Assert.Equal(ErrorKeys.MobileInvalid, result.Errors[nameof(UserInput.Mobile)]);
        Assert.False(await host.Data.UserExistsAsync(email));
    }

    [Fact]
    public async Task CreateUser_NormalisesALocalMobileNumberToE164()
    {
        var result = await host.Get<UserAdminService>().CreateAsync(_f.AdminA, Seller("local@demo.test", "0151 987 654 32"), ServiceHost.PublicAddress, default);
        Assert.True(result.Succeeded);
        Assert.Equal("+4915198765432", result.Value!.Mobile);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("Sam <sam@demo.test>")]
    [InlineData("")]
    public async Task CreateUser_WithAnInvalidEmail_SaysSo(string email)
    {
        var result = await host.Get<UserAdminService>().CreateAsync(_f.AdminA, Seller(email), ServiceHost.PublicAddress, default);
        Assert.Equal(ErrorKeys.EmailInvalid, result.Errors[nameof(UserInput.Email)]);
    }

    [Fact]
    public async Task SaveLocation_WithAnUnknownTimeZone_SaysSoAndKeepsTheOldOne()
    {
        var result = await host.Get<LocationAdminService>().UpdateAsync(_f.AdminA, _f.AirportA,
            new LocationInput(_f.DealerA, "Airport", "airport", "DE", "Mars/Olympus_Mons", OpeningHours.AlwaysOpen, 60), default);
        Assert.Equal(ErrorKeys.TimeZoneUnknown, result.Errors[nameof(LocationInput.TimeZoneId)]);
        Assert.Equal("Europe/Berlin", (await host.Get<LocationAdminService>().GetAsync(_f.AdminA, _f.AirportA, default))!.TimeZoneId);
    }

    [Fact]
    public async Task CreateLocation_WithATakenSlugOrBadRingTime_SaysSo()
    {
        var result = await host.Get<LocationAdminService>().CreateAsync(_f.AdminA,
            new LocationInput(_f.DealerA, "Second Downtown", "downtown", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen, 5), default);
        Assert.Equal(ErrorKeys.SlugTaken, result.Errors[nameof(LocationInput.Slug)]);
        Assert.Equal(ErrorKeys.RingTimeoutRange, result.Errors[nameof(LocationInput.RingTimeoutSeconds)]);
    }

    [Fact]
    public async Task SetLogo_TooLargeOrNotAnImage_IsRefusedAndTheOldLogoStays()
    {
        var branding = host.Get<BrandingService>();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        Assert.True((await branding.SetLogoAsync(_f.AdminA, BrandingLevel.Location, _f.DealerA, _f.AirportA, png, default)).Succeeded);

        var html = "<svg onload=alert(1)>"u8.ToArray();
        var notImage = await branding.SetLogoAsync(_f.AdminA, BrandingLevel.Location, _f.DealerA, _f.AirportA, html, default);
        var large = new byte[BrandingService.MaxLogoBytes + 1];
        png.CopyTo(large, 0);
        var tooLarge = await branding.SetLogoAsync(_f.AdminA, BrandingLevel.Location, _f.DealerA, _f.AirportA, large, default);

        Assert.Equal(ErrorKeys.LogoNotImage, notImage.Errors["Logo"]);
        Assert.Equal(ErrorKeys.LogoTooLarge, tooLarge.Errors["Logo"]);
        var kept = (await branding.GetAsync(_f.AdminA, BrandingLevel.Location, _f.DealerA, _f.AirportA, default)).Value!;
        Assert.Equal(png, kept.Logo);
    }

    [Fact]
    public async Task SaveBranding_WithABadColour_SaysSo()
    {
        var result = await host.Get<BrandingService>().SaveTextsAsync(_f.AdminA, BrandingLevel.Dealer, _f.DealerA, null, new BrandingTexts("Demo Motors", "blue", null), default);
        Assert.Equal(ErrorKeys.ColorInvalid, result.Errors[nameof(BrandingTexts.PrimaryColor)]);
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var db = await host.DbAsync();
        return await db.Outbox.CountAsync();
    }
}
