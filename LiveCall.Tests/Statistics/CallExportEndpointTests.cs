using System.Net;
using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Statistics;

public sealed class CallExportEndpointTests : IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Export_ListsTheFilteredCallsOfTheUsersDealerOnly()
    {
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync())
        {
            var downtown = await db.Locations.SingleAsync(l => l.Slug == "downtown");
            var other = new Dealer("Other Cars", "other-cars", "AT", DateTime.UtcNow);
            var vienna = new Location(other.Id, "Vienna", "vienna", "AT", "Europe/Vienna", OpeningHours.AlwaysOpen);
            db.AddRange(other, vienna,
                new Call(CallKind.Incoming, downtown.DealerId, downtown.Id, DateTime.UtcNow.AddMinutes(-30)) { State = CallState.Unanswered },
                new Call(CallKind.FollowUp, downtown.DealerId, downtown.Id, DateTime.UtcNow.AddMinutes(-20)) { State = CallState.Ended },
                new Call(CallKind.Incoming, other.Id, vienna.Id, DateTime.UtcNow.AddMinutes(-10)) { State = CallState.Unanswered });
            await db.SaveChangesAsync();
        }
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
