using System.Net;
using System.Net.Http.Json;
using LiveCall.App.Infrastructure;
using LiveCall.Core.Data;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Infrastructure;

/// <summary>The bench's seeding and sign-in path exists only with <c>Bench:Enabled</c>; with it, seeded sellers can open their dashboard.</summary>
public sealed class BenchEndpointsTests
{
    [Fact]
    public async Task WithoutTheSetting_TheBenchRoutesDoNotExist()
    {
        await using var app = new LiveCallAppFactory();
        using var http = new StaffHttpClient(app.BaseAddress);

        var seed = await http.Http.PostAsJsonAsync("_bench/seed", new BenchEndpoints.SeedRequest(1, 1));
        var counters = await http.GetAsync("_bench/counters");
        var echo = await http.GetAsync("_bench/ws");
        var hub = await http.Http.PostAsync("_bench/hub/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.NotFound, echo.StatusCode);
        Assert.False(hub.IsSuccessStatusCode, $"the bench hub answered {(int)hub.StatusCode}");
        // No such route: the POST falls to the pages (which refuse a form without its antiforgery token), the GET finds nothing.
        Assert.False(seed.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, counters.StatusCode);
        await using var db = await app.DbAsync();
        Assert.False(await db.Dealers.AnyAsync(d => d.Slug.StartsWith("bench-")));
    }

    [Fact]
    public async Task Enabled_SeedsLocationsAndSellers_WhoSignInWithoutAPassword_AndTheCountersCountSql()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Bench:Enabled"] = "true" } } };
        using var http = new StaffHttpClient(app.BaseAddress);

        var tooMany = await http.Http.PostAsJsonAsync("_bench/seed", new BenchEndpoints.SeedRequest(0, 5));
        var seeded = await (await http.Http.PostAsJsonAsync("_bench/seed", new BenchEndpoints.SeedRequest(2, 3))).Content.ReadFromJsonAsync<BenchEndpoints.Seeded>();

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.NotNull(seeded);
        Assert.Equal(2, seeded.Locations.Count);
        Assert.All(seeded.Locations, l => Assert.Equal(3, l.SellerIds.Count));
        await using (var db = await app.DbAsync())
            Assert.Equal(6, await db.Users.CountAsync(u => u.DealerId == seeded.DealerId && u.SecurityStamp != null));

        var before = app.Get<SqlCommandCounter>().Count;
        Assert.Equal(HttpStatusCode.NoContent, (await http.Http.PostAsync($"_bench/signin/{seeded.Locations[1].SellerIds[2]}", null)).StatusCode);
        var dashboard = await http.GetAsync("");
        var counters = await http.Http.GetFromJsonAsync<BenchEndpoints.BenchCounters>("_bench/counters");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Seller 3", await dashboard.Content.ReadAsStringAsync());
        Assert.NotNull(counters);
        Assert.True(counters.SqlCommands > before, "signing in and rendering the dashboard read the database");
        var unknown = await http.Http.PostAsync($"_bench/signin/{Guid.NewGuid()}", null);
        Assert.True(unknown.StatusCode == HttpStatusCode.NotFound, await unknown.Content.ReadAsStringAsync());
    }

    /// <summary>The baselines the bench measures beside the app: a WebSocket echo, and a bare hub's echo and group broadcast.</summary>
    [Fact]
    public async Task Enabled_TheBaselines_EchoAndBroadcast()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Bench:Enabled"] = "true" } } };
        var payload = System.Text.Encoding.UTF8.GetBytes("ring for Downtown: Clara Kunde");

        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{app.BaseAddress.Port}/_bench/ws"), default);
            await socket.SendAsync(payload, System.Net.WebSockets.WebSocketMessageType.Binary, true, default);
            var buffer = new byte[1024];
            var read = await socket.ReceiveAsync(buffer, default);
            Assert.Equal(payload, buffer[..read.Count]);
        }

        await using var one = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "_bench/hub")).Build();
        await using var two = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "_bench/hub")).Build();
        var heard = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        two.On<byte[]>("Payload", p => heard.TrySetResult(p));
        await one.StartAsync();
        await two.StartAsync();
        Assert.Equal(payload, await one.InvokeAsync<byte[]>("Echo", payload));
        await two.InvokeAsync("Join", "downtown");
        await one.InvokeAsync("Broadcast", "downtown", payload);
        Assert.Equal(payload, await heard.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
