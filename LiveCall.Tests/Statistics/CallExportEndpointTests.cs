using System.Net;
using LiveCall.Core.Calls;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Statistics;

public sealed class CallExportEndpointTests : IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Export_ListsTheFilteredCallsOfTheUsersDealerOnly()
    {
        var downtown = await _app.Data.LocationAsync("downtown");
        var other = await _app.Data.AddDealerAsync("Other Cars", "other-cars", "AT");
        var vienna = await _app.Data.AddLocationAsync(other.Id, "Vienna", "vienna", "Europe/Vienna", country: "AT");
        await _app.Data.AddCallAsync(downtown.Id, DateTimeOffset.UtcNow.AddMinutes(-30));                      // unanswered
        await _app.Data.AddCallAsync(downtown.Id, DateTimeOffset.UtcNow.AddMinutes(-20), kind: CallKind.FollowUp); // ended
        await _app.Data.AddCallAsync(vienna.Id, DateTimeOffset.UtcNow.AddMinutes(-10));                        // unanswered
        using var client = new StaffHttpClient(_app.BaseAddress);
        await client.LoginAsync("dealer-admin@livecall.demo", LiveCallAppFactory.DemoPassword);

        var all = await client.GetAsync("calls/export.csv");
        var unanswered = await (await client.GetAsync("calls/export.csv?state=Unanswered&kind=Incoming")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var lines = (await all.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,kind,state,dealer,location", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.DoesNotContain(lines, l => l.Contains("Vienna"));
        Assert.Single(unanswered.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
    }

    [Fact]
    public async Task Export_WithoutLogin_IsRefused()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var response = await client.GetAsync("calls/export.csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }
}
