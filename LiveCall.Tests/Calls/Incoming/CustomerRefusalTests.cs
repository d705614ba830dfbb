using System.Net;
using System.Net.Http.Json;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>What a customer over the limits is told: a friendly sentence in their language, nothing about how it was decided.</summary>
public sealed class CustomerRefusalTests
{
    [Fact]
    public async Task SecondCallWithTheSameNumber_SaysACallIsWaiting_AndANetworkOverItsLimit_SaysTryLater()
    {
        await using var app = new LiveCallAppFactory
        {
            Options = { FakeClock = true, Settings = { ["RingLimits:PerNetworkAtOnce"] = "2", ["RingLimits:PerNetworkHourly"] = "6" } },
        };
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        using var first = app.Customer();
        using var sameNumberOtherBrowser = app.Customer("de");
        using var second = app.Customer();
        using var third = app.Customer();

        var ringing = await CustomerHttp.StartAsync(first, "Clara Kunde", phone: "0151 2345 6789");
        var again = await CustomerHttp.StartAsync(sameNumberOtherBrowser, "Clara Kunde", phone: "+49 151 23456789");
        var other = await CustomerHttp.StartAsync(second, "Max Muster", phone: "0151 2345 0000");
        var tooMany = await third.PostAsJsonAsync($"api/incoming/{TestData.DemoDealer}/downtown/start",
            new { name = "Nina Neu", email = "nina@example.com", privacyAccepted = true });

        Assert.Equal(HttpStatusCode.OK, ringing.Status);
        Assert.Equal("ringing", ringing.Body.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("refused", again.Body.GetProperty("state").GetString());
        Assert.Equal("Sie haben bereits einen wartenden Anruf. Bitte warten Sie, bis ein Verkäufer ihn annimmt, oder versuchen Sie es in ein paar Minuten noch einmal.",
            again.Body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, other.Status); // two calls may ring at once from one network (RingLimits:PerNetworkAtOnce)
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Equal("Too many calls from your network. Please try again later.", await tooMany.Content.ReadAsStringAsync());
        // Refused starts leave nothing behind: two calls, each keyed by browser, contact and network.
        var calls = (await app.Data.CallsAsync()).Where(c => c.CustomerNetworkKey is not null).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.NotNull(c.CustomerBrowserKey));
        Assert.Single(calls.Select(c => c.CustomerNetworkKey).Distinct());
    }
}
