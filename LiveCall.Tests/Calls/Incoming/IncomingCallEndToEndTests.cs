using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The loop the product exists for, on the real app in Chromium: a customer presses "Start video call" on the location
/// page; both sellers' dashboards ring; seller A accepts; seller B sees "Answered by"; customer and seller A see each
/// other's video. The figures the closing note reports are printed here (no timing asserts).
/// </summary>
public sealed class IncomingCallEndToEndTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<CallsPageDriver> SellerAsync(string email)
    {
        var seller = await CallsPageDriver.LoginAsync(chromium.Browser, _app.BaseAddress, email, LiveCallAppFactory.DemoPassword, "/");
        await seller.Page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        return seller;
    }

    private async Task<IPage> CustomerAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Permissions = ["camera", "microphone"],
        });
        context.SetDefaultTimeout(20_000);
        await RemoteMedia.InstallAsync(context);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error") output.WriteLine($"[customer] {m.Text}"); };
        return page;
    }

    [Fact]
    public async Task CustomerCalls_BothSellersRing_SellerAAccepts_SellerBSeesAnsweredBy_AndCustomerAndSellerASeeEachOther()
    {
        await using var sellerA = await SellerAsync("seller1@livecall.demo");
        await using var sellerB = await SellerAsync("seller2@livecall.demo");
        var customer = await CustomerAsync();
        await customer.GotoAsync("call/demo-motors/downtown");
        await Assertions.Expect(customer.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
        await customer.FillAsync("#customer-name", "Clara Kunde");
        await customer.FillAsync("#customer-phone", "0151 23456789");
        await customer.CheckAsync("[data-testid=customer-privacy]");

        // "Start video call" → the toast on each seller's screen.
        var clock = Stopwatch.StartNew();
        await customer.ClickAsync("[data-testid=customer-start]");
        var toastA = sellerA.Page.Locator("[data-testid=ring-toast]");
        var toastB = sellerB.Page.Locator("[data-testid=ring-toast]");
        var toastTimes = await Task.WhenAll(new[] { toastA, toastB }.Select(async toast =>
        {
            await Assertions.Expect(toast.Locator("[data-testid=ring-caller]")).ToHaveTextAsync("Clara Kunde");
            return clock.Elapsed;
        }));
        await Assertions.Expect(customer.Locator("[data-testid=customer-sellers]")).ToHaveTextAsync("2 sellers are being notified");
        await Assertions.Expect(toastA.Locator("[data-testid=ring-location]")).ToHaveTextAsync("Downtown");

        // Seller A accepts: B's toast says who did, A and the customer are in the call and see each other.
        clock.Restart();
        await toastA.Locator("[data-testid=ring-accept]").ClickAsync();
        await Assertions.Expect(toastB.Locator("[data-testid=ring-answered]")).ToHaveTextAsync("Answered by Sam Seller");
        var answeredBy = clock.Elapsed;
        await Assertions.Expect(toastB.Locator("[data-testid=ring-accept]")).ToHaveCountAsync(0);

        var callId = await CallIdAsync();
        await sellerA.Page.WaitForURLAsync(new Regex($"/call/{callId}$"));
        var customerCall = CallsPageDriver.Wrap(customer, "customer");
        await Task.WhenAll(sellerA.WaitConnectedAsync(1), customerCall.WaitConnectedAsync(1));
        var firstFrames = await Task.WhenAll(
            FirstRemoteFrameAsync(sellerA.Page, clock),
            FirstRemoteFrameAsync(customer, clock));
        await Task.WhenAll(sellerA.WaitRemoteVideoPlayingAsync(1), customerCall.WaitRemoteVideoPlayingAsync(1));

        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync())
        {
            var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId);
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal("seller1@livecall.demo", await db.Users.Where(u => u.Id == call.AcceptedByUserId).Select(u => u.Email).SingleAsync());
        }
        await sellerA.Page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("incoming-seller-in-call") });
        await sellerB.Page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("incoming-answered-by") });
        // axe: the seller's and the customer's call screens are checked in AccessibilityTests (call-*, customer-call-*).

        output.WriteLine($"'Start video call' click → toast visible: seller A {toastTimes[0].TotalMilliseconds:F0} ms, seller B {toastTimes[1].TotalMilliseconds:F0} ms");
        output.WriteLine($"'Accept' click → 'Answered by' on seller B: {answeredBy.TotalMilliseconds:F0} ms");
        output.WriteLine($"'Accept' click → first remote video frame: seller A {firstFrames[0].TotalMilliseconds:F0} ms, customer {firstFrames[1].TotalMilliseconds:F0} ms");
    }

    private async Task<Guid> CallIdAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        return await db.Calls.Where(c => c.Kind == CallKind.Incoming).Select(c => c.Id).SingleAsync();
    }

    /// <summary>When the page's first remote video has a decoded picture (polled every 20 ms).</summary>
    private static async Task<TimeSpan> FirstRemoteFrameAsync(IPage page, Stopwatch clock)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=tile] video')].some(v => v.videoWidth > 0)", null,
            new() { PollingInterval = 20, Timeout = 30_000 });
        return clock.Elapsed;
    }
}
