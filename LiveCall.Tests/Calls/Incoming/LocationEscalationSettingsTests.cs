using LiveCall.Core.Admin;
using LiveCall.Core.Dealers;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>"Takes video calls", the SMS/email delays, the shift length and the accept deadline of the location form, through the admin service.</summary>
public sealed class LocationEscalationSettingsTests
{
    [Fact]
    public async Task Update_StoresActiveFlagAndDelays_AndRefusesDelaysOutside0To600()
    {
        await using var app = await ServiceHost.StartAsync();
        var admin = await app.Data.ScopeOfAsync(TestData.DealerAdmin);
        var service = app.Get<LocationAdminService>();
        var downtown = await app.Data.LocationAsync("downtown");
        var input = new LocationInput(downtown.DealerId, downtown.Name, downtown.Slug, downtown.Country, downtown.TimeZoneId, downtown.OpeningHours,
            (int)downtown.RingTimeout.TotalSeconds, IsActive: false, SmsDelaySeconds: 20, EmailDelaySeconds: 600);

        var saved = await service.UpdateAsync(admin, downtown.Id, input, default);
        var refused = await service.UpdateAsync(admin, downtown.Id, input with { IsActive = true, SmsDelaySeconds = -1, EmailDelaySeconds = 601 }, default);

        Assert.True(saved.Succeeded);
        Assert.Equal(ErrorKeys.EscalationDelayRange, refused.Errors[nameof(LocationInput.SmsDelaySeconds)]);
        Assert.Equal(ErrorKeys.EscalationDelayRange, refused.Errors[nameof(LocationInput.EmailDelaySeconds)]);
        var stored = await service.GetAsync(admin, downtown.Id, default);
        Assert.Equal((false, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(600)), (stored!.IsActive, stored.SmsDelay, stored.EmailDelay));
    }

    [Fact]
    public async Task Update_StoresShiftLengthAndAcceptDeadline_AndRefusesValuesOutsideTheirRanges()
    {
        await using var app = await ServiceHost.StartAsync();
        var admin = await app.Data.ScopeOfAsync(TestData.DealerAdmin);
        var service = app.Get<LocationAdminService>();
        var downtown = await app.Data.LocationAsync("downtown");
        Assert.Equal((TimeSpan.FromHours(10), TimeSpan.FromSeconds(30)), (downtown.ShiftLength, downtown.AcceptDeadline)); // the defaults
        var input = new LocationInput(downtown.DealerId, downtown.Name, downtown.Slug, downtown.Country, downtown.TimeZoneId, downtown.OpeningHours,
            (int)downtown.RingTimeout.TotalSeconds, ShiftHours: 12, AcceptDeadlineSeconds: 45);

        var saved = await service.UpdateAsync(admin, downtown.Id, input, default);
        var tooShort = await service.UpdateAsync(admin, downtown.Id, input with { ShiftHours = 0, AcceptDeadlineSeconds = 9 }, default);
        var tooLong = await service.UpdateAsync(admin, downtown.Id, input with { ShiftHours = 25, AcceptDeadlineSeconds = 181 }, default);

        Assert.True(saved.Succeeded);
        foreach (var refused in new[] { tooShort, tooLong })
        {
            Assert.Equal(ErrorKeys.ShiftLengthRange, refused.Errors[nameof(LocationInput.ShiftHours)]);
            Assert.Equal(ErrorKeys.AcceptDeadlineRange, refused.Errors[nameof(LocationInput.AcceptDeadlineSeconds)]);
        }
        var stored = await service.GetAsync(admin, downtown.Id, default);
        Assert.Equal((TimeSpan.FromHours(12), TimeSpan.FromSeconds(45)), (stored!.ShiftLength, stored.AcceptDeadline));
    }
}
