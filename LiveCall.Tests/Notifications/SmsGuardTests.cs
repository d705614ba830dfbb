using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Sms;
using LiveCall.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Notifications;

public sealed class SmsGuardTests
{
    private static async Task<(StandInServer Vonage, ServiceHost H, Guid Dealer)> SetUpAsync(Dictionary<string, string?> limits)
    {
        var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        var settings = VonageStandIn.Settings(vonage.BaseUri);
        foreach (var (k, v) in limits) settings[k] = v;
        var h = await ServiceHost.StartAsync(o => o.AddSettings(settings));
        return (vonage, h, (await h.Data.AddDealerAsync()).Id);
    }

    private static SmsRequest Sms(Guid dealer, string to = "+4915112345678", string? user = "seller-1", Guid? location = null) =>
        new(to, "Join the call", OutboxPurpose.FollowUpInvitation, dealer, location, RequestedByUserId: user);

    [Fact]
    public async Task EnqueueSms_OverUserDailyCap_IsRefusedBeforeAnyProviderCall()
    {
        var (vonage, h, dealer) = await SetUpAsync(new() { ["SmsLimits:PerUserDaily"] = "2" });
        await using var _ = vonage;
        await using var __ = h;

        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345670"), default)).Accepted);
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345671"), default)).Accepted);
        var refused = await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345672"), default);
        var otherUser = await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345673", user: "seller-2"), default);
        await h.DispatchOutboxAsync();

        Assert.Equal(SendRefusal.UserDailyCap, refused.Refusal);
        Assert.Null(refused.MessageId);
        Assert.True(otherUser.Accepted);
        Assert.Equal(3, vonage.Requests.Count);
        Assert.DoesNotContain(vonage.Requests, r => r.BodyText.Contains("4915112345672"));
    }

    [Fact]
    public async Task EnqueueSms_AfterADay_IsAllowedAgain()
    {
        var (vonage, h, dealer) = await SetUpAsync(new() { ["SmsLimits:PerDealerDaily"] = "1" });
        await using var _ = vonage;
        await using var __ = h;
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345670"), default)).Accepted);
        Assert.Equal(SendRefusal.DealerDailyCap, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345671"), default)).Refusal);

        h.Time.Advance(TimeSpan.FromHours(24.1));

        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345671"), default)).Accepted);
    }

    [Fact]
    public async Task EnqueueSms_OverLocationDailyCap_IsRefused()
    {
        var (vonage, h, dealer) = await SetUpAsync(new() { ["SmsLimits:PerLocationDaily"] = "1" });
        await using var _ = vonage;
        await using var __ = h;
        var location = Guid.NewGuid();
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345670", location: location), default)).Accepted);

        Assert.Equal(SendRefusal.LocationDailyCap, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345671", location: location), default)).Refusal);
    }

    [Fact]
    public async Task EnqueueSms_OverGlobalHourlyCap_IsRefused()
    {
        var (vonage, h, dealer) = await SetUpAsync(new() { ["SmsLimits:GlobalHourly"] = "1" });
        await using var _ = vonage;
        await using var __ = h;
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345670", user: "a"), default)).Accepted);

        Assert.Equal(SendRefusal.GlobalHourlyCap, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345671", user: "b"), default)).Refusal);
        h.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345671", user: "b"), default)).Accepted);
    }

    [Fact]
    public async Task EnqueueSms_ToCountryOfNoDealer_IsRefused()
    {
        var (vonage, h, dealer) = await SetUpAsync([]);
        await using var _ = vonage;
        await using var __ = h;

        var result = await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+447400123456"), default);
        await h.DispatchOutboxAsync();

        Assert.Equal(SendRefusal.CountryNotAllowed, result.Refusal);
        Assert.Empty(vonage.Requests);
    }

    [Fact]
    public async Task EnqueueSms_ToConfiguredCountry_IsAllowed()
    {
        var (vonage, h, dealer) = await SetUpAsync(new() { ["SmsLimits:AllowedCountries:0"] = "GB" });
        await using var _ = vonage;
        await using var __ = h;

        Assert.Equal(SendRefusal.None, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+447400123456"), default)).Refusal);
        Assert.Equal(SendRefusal.CountryNotAllowed, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+4915112345670"), default)).Refusal);
    }

    [Fact]
    public async Task EnqueueSms_ToSameNumberWithinCooldown_IsRefused()
    {
        var (vonage, h, dealer) = await SetUpAsync(new() { ["SmsLimits:CooldownPerNumber"] = "00:00:30" });
        await using var _ = vonage;
        await using var __ = h;
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer), default)).Accepted);

        Assert.Equal(SendRefusal.Cooldown, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer), default)).Refusal);
        h.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer), default)).Accepted);
    }

    [Fact]
    public async Task EnqueueSms_ToInvalidNumber_IsRefused()
    {
        var (vonage, h, dealer) = await SetUpAsync([]);
        await using var _ = vonage;
        await using var __ = h;

        Assert.Equal(SendRefusal.InvalidNumber, (await h.Get<NotificationOutbox>().EnqueueSmsAsync(Sms(dealer, "+999123"), default)).Refusal);
    }

    [Fact]
    public async Task RateLimiter_BeyondBurst_WaitsForNextSlot()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        var limiter = new SendRateLimiter(30, time);
        for (var i = 0; i < 30; i++) Assert.True(limiter.WaitAsync(default).IsCompleted);

        var thirtyFirst = limiter.WaitAsync(default);
        Assert.False(thirtyFirst.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(34));
        await thirtyFirst.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
