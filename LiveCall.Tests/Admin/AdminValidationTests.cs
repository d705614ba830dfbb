using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Admin;

/// <summary>Bad input to the admin services: a message per field, and nothing saved half-way.</summary>
public sealed class AdminValidationTests : IClassFixture<TwoDealersFixture>
{
    private readonly TwoDealersFixture _f;

    public AdminValidationTests(TwoDealersFixture fixture) => _f = fixture;

    private T Service<T>() where T : notnull => _f.App.Services.GetRequiredService<T>();

    private UserInput Seller(string email, string? mobile = null) => new(email, "Some Seller", mobile, StaffRole.Seller, null, _f.DowntownA, "en", true);

    [Fact]
    public async Task CreateUser_WithADuplicateEmail_SaysSoAndSendsNothing()
    {
        var before = await OutboxCountAsync();
        var result = await Service<UserAdminService>().CreateAsync(_f.AdminA, Seller("SELLER1@livecall.demo"), _f.App.BaseAddress, default);
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
        var result = await Service<UserAdminService>().CreateAsync(_f.AdminA, Seller(email, mobile), _f.App.BaseAddress, default);
        Assert.Equal(ErrorKeys.MobileInvalid, result.Errors[nameof(UserInput.Mobile)]);
        Assert.False(await _f.UserExistsAsync(email));
    }

    [Fact]
    public async Task CreateUser_NormalisesALocalMobileNumberToE164()
    {
        var result = await Service<UserAdminService>().CreateAsync(_f.AdminA, Seller("local@demo.test", "0151 987 654 32"), _f.App.BaseAddress, default);
        Assert.True(result.Succeeded);
        Assert.Equal("+4915198765432", result.Value!.Mobile);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("Sam <sam@demo.test>")]
    [InlineData("")]
    public async Task CreateUser_WithAnInvalidEmail_SaysSo(string email)
    {
        var result = await Service<UserAdminService>().CreateAsync(_f.AdminA, Seller(email), _f.App.BaseAddress, default);
        Assert.Equal(ErrorKeys.EmailInvalid, result.Errors[nameof(UserInput.Email)]);
    }

    [Fact]
    public async Task SaveLocation_WithAnUnknownTimeZone_SaysSoAndKeepsTheOldOne()
    {
        var result = await Service<LocationAdminService>().UpdateAsync(_f.AdminA, _f.AirportA,
            new LocationInput(_f.DealerA, "Airport", "airport", "DE", "Mars/Olympus_Mons", OpeningHours.AlwaysOpen, 60), default);
        Assert.Equal(ErrorKeys.TimeZoneUnknown, result.Errors[nameof(LocationInput.TimeZoneId)]);
        Assert.Equal("Europe/Berlin", (await Service<LocationAdminService>().GetAsync(_f.AdminA, _f.AirportA, default))!.TimeZoneId);
    }

    [Fact]
    public async Task CreateLocation_WithATakenSlugOrBadRingTime_SaysSo()
    {
        var result = await Service<LocationAdminService>().CreateAsync(_f.AdminA,
            new LocationInput(_f.DealerA, "Second Downtown", "downtown", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen, 5), default);
        Assert.Equal(ErrorKeys.SlugTaken, result.Errors[nameof(LocationInput.Slug)]);
        Assert.Equal(ErrorKeys.RingTimeoutRange, result.Errors[nameof(LocationInput.RingTimeoutSeconds)]);
    }

    [Fact]
    public async Task SetLogo_TooLargeOrNotAnImage_IsRefusedAndTheOldLogoStays()
    {
        var branding = Service<BrandingService>();
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
        var result = await Service<BrandingService>().SaveTextsAsync(_f.AdminA, BrandingLevel.Dealer, _f.DealerA, null, new BrandingTexts("Demo Motors", "blue", null), default);
        Assert.Equal(ErrorKeys.ColorInvalid, result.Errors[nameof(BrandingTexts.PrimaryColor)]);
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var db = await _f.App.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        return await db.Outbox.CountAsync();
    }
}
