using System.Net;
using LiveCall.Core;
using LiveCall.Core.Calls.FollowUp;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Infrastructure;

/// <summary>Per-client limits key on an address the client cannot choose: X-Forwarded-For counts only from a configured proxy; IPv6 per /64.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:eeee:dddd:cccc", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Key_IsTheIPv4Address_OrTheIPv6Slash64(string address, string key) =>
        Assert.Equal(key, ClientAddress.KeyOf(IPAddress.Parse(address)));

    [Fact]
    public async Task StartVideoCall_WithADifferentSpoofedForwardedForEachTime_IsStillRefusedOnThe11th()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Customer:NewRequestsPerTenMinutes"] = "10" } } };
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 11; i++) statuses.Add(await StartFromAsync(app, $"198.51.100.{i}", $"Kunde {i}"));

        Assert.All(statuses[..10], s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task BehindATrustedProxy_TheForwardedAddressCounts_AndOneIPv6Slash64SharesABudget()
    {
        await using var app = new LiveCallAppFactory
        {
            Options = { Settings = { ["Customer:NewRequestsPerTenMinutes"] = "2", ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" } },
        };

        Assert.Equal(HttpStatusCode.OK, await StartFromAsync(app, "2001:db8:1:2::1", "Anna"));
        Assert.Equal(HttpStatusCode.OK, await StartFromAsync(app, "2001:db8:1:2::2", "Bert"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StartFromAsync(app, "2001:db8:1:2:abcd::3", "Carla"));
        Assert.Equal(HttpStatusCode.OK, await StartFromAsync(app, "2001:db8:1:3::1", "Dora"));
        Assert.Equal(HttpStatusCode.OK, await StartFromAsync(app, "198.51.100.1", "Emil"));
    }

    [Fact]
    public async Task Login_WithADifferentSpoofedForwardedForEachTime_IsStillRefusedWith429()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["RateLimits:AccountPostsPerMinute"] = "3" } } };
        using var client = new StaffHttpClient(app.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i}");
            statuses.Add((await client.LoginAsync("nobody@livecall.demo", "Wrong-Pass-1!")).Response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..3]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
    }

    [Theory]
    [InlineData(false, "/guest/invalid")]
    [InlineData(true, "/guest")]
    public async Task GuessingGuestLinks_WithSpoofedForwardedFor_IsCutOff_UnlessAConfiguredProxyForwardedIt(bool trustLoopback, string validLinkGoesTo)
    {
        await using var app = new LiveCallAppFactory();
        if (trustLoopback) app.Options.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        for (var i = 0; i < 20; i++)
            await SendFromAsync(http, HttpMethod.Get, $"j/guess-{i:D4}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", $"198.51.100.{i + 1}");

        var response = await SendFromAsync(http, HttpMethod.Get, new Uri(await GuestLinkAsync(app)).PathAndQuery.TrimStart('/'), "198.51.100.77");

        Assert.Equal(validLinkGoesTo, response.Headers.Location!.ToString());
    }

    private static async Task<HttpStatusCode> StartFromAsync(LiveCallAppFactory app, string forwardedFor, string name)
    {
        using var customer = app.Customer();
        customer.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return (await CustomerHttp.StartAsync(customer, name)).Status;
    }

    private static Task<HttpResponseMessage> SendFromAsync(HttpClient http, HttpMethod method, string path, string forwardedFor)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    private static async Task<string> GuestLinkAsync(LiveCallAppFactory app)
    {
        var result = await app.Get<FollowUpService>().StartAsync(await app.Data.ScopeOfAsync(TestData.Seller1), "Sam Seller", "en",
            [new GuestInvitationInput(InvitationChannel.Email, "Erika", "erika@example.com")], app.BaseAddress, default);
        await using var db = await app.DbAsync();
        var body = (await db.Outbox.SingleAsync(m => m.CallId == result.CallId)).TextBody;
        return System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+/j/[A-Za-z0-9_-]+").Value;
    }
}
