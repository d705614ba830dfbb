using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Live;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Statistics;

/// <summary>An open dashboard follows calls as they happen: server push into the circuit, no reload, no polling.</summary>
public sealed class LiveDashboardTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly ChromiumFixture _chromium;
    private readonly LiveCallAppFactory _app = new();

    public LiveDashboardTests(ChromiumFixture chromium) => _chromium = chromium;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AdminDashboard_UpdatesCallsTodayAndAverageDuration_WithoutReload()
    {
        var page = await NewPageAsync(_chromium.Browser, _app.BaseAddress);
        await LoginAsync(page, "dealer-admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=call-statistics]");
        Assert.Equal("0", await page.InnerTextAsync("[data-testid=tile-calls-today-value]"));
        Assert.Equal("—", await page.InnerTextAsync("[data-testid=tile-average-duration-value]"));
        Assert.Equal("1", await page.InnerTextAsync("[data-testid=tile-active-users-value]"));
        await page.EvaluateAsync("window.__noReload = true");

        // A customer calls Downtown and a seller answers.
        var call = await ChangeCallAsync(null, c => { c.AcceptedUtc = c.CreatedUtc.AddSeconds(8); c.ConnectedUtc = c.AcceptedUtc; c.State = CallState.Connected; });
        await page.WaitForSelectorAsync("[data-testid=tile-calls-today-value]:text-is('1')");
        Assert.Equal("—", await page.InnerTextAsync("[data-testid=tile-average-duration-value]"));

        // The call ends after 2 minutes 5 seconds.
        await ChangeCallAsync(call, c => { c.EndedUtc = c.ConnectedUtc!.Value.AddSeconds(125); c.State = CallState.Ended; });
        await page.WaitForSelectorAsync("[data-testid=tile-average-duration-value]:text-is('2:05')");

        Assert.True(await page.EvaluateAsync<bool>("window.__noReload === true"));
        Assert.Equal("100%", (await page.InnerTextAsync("[data-testid=tile-answer-rate-value]")).Replace(" ", "").Replace("\u00a0", ""));
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("dashboard-live-en"), FullPage = true });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "dashboard-live-en");
    }

    /// <summary>Creates (when <paramref name="id"/> is null) or changes a Downtown call and announces it, as the call code does.</summary>
    private async Task<Guid> ChangeCallAsync(Guid? id, Action<Call> change)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var call = id is { } existing ? await db.Calls.SingleAsync(c => c.Id == existing) : null;
        if (call is null)
        {
            var downtown = await db.Locations.SingleAsync(l => l.Slug == "downtown");
            call = new Call(CallKind.Incoming, downtown.DealerId, downtown.Id, DateTime.UtcNow.AddMinutes(-3));
            db.Calls.Add(call);
        }
        change(call);
        await db.SaveChangesAsync();
        await _app.Services.GetRequiredService<ILiveEventBus>().PublishAsync(new CallChanged(call.Id, call.DealerId, call.LocationId, call.Kind, call.State), default);
        return call.Id;
    }
}
