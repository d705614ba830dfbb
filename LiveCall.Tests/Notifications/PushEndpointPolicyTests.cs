using System.Net;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;
using Microsoft.Extensions.Options;

namespace LiveCall.Tests.Notifications;

public sealed class PushEndpointPolicyTests
{
    private static readonly PushEndpointPolicy Production = new(Options.Create(new WebPushOptions()));

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc:def", true)]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAA", true)]
    [InlineData("https://web.push.apple.com/QGm1", true)]
    [InlineData("https://web.push.apple.com:443/QGm1", true)]
    [InlineData("https://WEB.PUSH.APPLE.COM/QGm1", true)]
    [InlineData("http://web.push.apple.com/QGm1", false)]
    [InlineData("https://web.push.apple.com.evil.example/QGm1", false)]
    [InlineData("https://evilpush.apple.com/QGm1", false)]
    [InlineData("https://wns2-db5p.notify.windows.com/w/?token=x", true)]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc", false)]
    [InlineData("https://evil.example/fcm.googleapis.com", false)]
    [InlineData("https://fcm.googleapis.com.evil.example/x", false)]
    [InlineData("https://127.0.0.1/push", false)]
    [InlineData("https://[::1]/push", false)]
    [InlineData("https://user@fcm.googleapis.com/x", false)]
    [InlineData("not a url", false)]
    public void IsAllowed_WithDefaultSettings_OnlyAcceptsHttpsPushServices(string endpoint, bool allowed)
    {
        Assert.Equal(allowed, Production.IsAllowed(endpoint));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("142.250.185.74", false)]
    [InlineData("2a00:1450:4001:80e::200a", false)]
    public void IsPrivate_RecognisesInternalAddresses(string address, bool isPrivate)
    {
        Assert.Equal(isPrivate, PushEndpointPolicy.IsPrivate(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Connect_ToLoopbackWithoutTestSetting_IsRefusedAfterDns()
    {
        var options = new WebPushOptions { AllowedHosts = ["localhost"] };
        using var client = new HttpClient(new PushEndpointPolicy(Options.Create(options)).CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://localhost:9/"));

        Assert.Contains("private address", error.Message);
    }

    [Fact]
    public async Task Subscribe_WithEndpointOutsideAllowList_IsRefused()
    {
        await using var h = await ServiceHost.StartAsync();
        using var browser = new PushStandIn();

        var result = await h.Get<PushSubscriptions>().SubscribeAsync("u", "https://attacker.example/push", browser.P256dh, browser.AuthText, null, default);

        Assert.Equal(SubscribeResult.EndpointNotAllowed, result);
    }

    [Fact]
    public async Task Subscribe_WithMalformedKeys_IsRefused()
    {
        await using var h = await ServiceHost.StartAsync();

        var result = await h.Get<PushSubscriptions>().SubscribeAsync("u", "http://127.0.0.1:1/push", "AAAA", "BBBB", null, default);

        Assert.Equal(SubscribeResult.InvalidKeys, result);
    }
}
