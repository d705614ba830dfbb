using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>A customer in Chromium on the real app: no seller, waiting and cancel, ring timeout, accept into the call, the embed button.</summary>
public sealed partial class CustomerBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const string Page = "call/demo-motors/downtown";

    private Task<CustomerPageDriver> CustomerAsync(LiveCallAppFactory app) => CustomerPageDriver.OpenAsync(chromium.Browser, app.BaseAddress, log: output.WriteLine);

    private static async Task<Call> CallAsync(LiveCallAppFactory app)
    {
        await using var db = await app.DbAsync();
        return await db.Calls.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task WithNoSellerOnline_StartLeadsToTheCallbackForm_PrefilledWithWhatWasTyped_AndTheRequestIsStored()
    {
        await using var app = new LiveCallAppFactory();
        await using var customer = await CustomerAsync(app);
        var page = customer.Page;
        await customer.GotoAsync();
        await customer.StartAsync();
        await Assertions.Expect(page.Locator("[data-error-for=privacy]").First).ToHaveTextAsync("Please accept the privacy note to continue.");
        await customer.FillEntryAsync("Clara Kunde", email: "clara@example.com");
        await Assertions.Expect(page.Locator("[data-error-for=privacy]").First).ToBeEmptyAsync(); // ticking it took the error away
        await customer.StartAsync();

        await Assertions.Expect(page.Locator("[data-testid=customer-callback]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=customer-callback] h1:visible")).ToHaveTextAsync("Sorry, nobody could answer");
        Assert.Equal("Clara Kunde", await page.InputValueAsync("#callback-name"));
        Assert.Equal("clara@example.com", await page.InputValueAsync("#callback-email"));
        Assert.True(await page.IsCheckedAsync("[data-testid=callback-privacy]"));
        await page.FillAsync("#callback-note", "About the blue estate car");
        await page.ClickAsync("[data-testid=callback-send]");

        await Assertions.Expect(page.Locator("[data-testid=customer-thanks] h1")).ToHaveTextAsync("Thank you, Clara Kunde!");
        var call = await CallAsync(app);
        Assert.Equal(CallState.Unanswered, call.State);
        await using var db = await app.DbAsync();
        var request = await db.CallbackRequests.SingleAsync();
        Assert.Equal((call.Id, "clara@example.com", "About the blue estate car"), (request.CallId!.Value, request.Email, request.Note));
    }

    [Fact]
    public async Task WithOneSellerPresent_TheWaitingScreenCountsOneSellerAndTheTime_AndCancelCancelsTheCall()
    {
        await using var app = new LiveCallAppFactory();
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await using var customer = await CustomerAsync(app);
        var page = customer.Page;
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde");
        await customer.StartAsync();

        await Assertions.Expect(page.Locator("[data-testid=customer-sellers]")).ToHaveTextAsync("1 seller is being notified");
        await Assertions.Expect(page.Locator("[data-testid=customer-elapsed]")).ToHaveTextAsync("0:02", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
        Assert.Equal(CallState.Ringing, (await CallAsync(app)).State);

        await customer.ClickAsync("customer-cancel");
        await Assertions.Expect(page.Locator("[data-testid=customer-cancelled]")).ToBeVisibleAsync();
        Assert.Equal(CallState.Cancelled, (await CallAsync(app)).State);
        await page.ClickAsync("[data-testid=customer-call-again]");
        await Assertions.Expect(page.Locator("[data-testid=customer-start]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task WhenTheRingTimesOut_TheCustomerGetsTheCallbackForm()
    {
        await using var app = new LiveCallAppFactory();
        await using (var db = await app.DbAsync())
            await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromSeconds(3)));
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await using var customer = await CustomerAsync(app);
        var page = customer.Page;
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde", phone: "0151 23456789");
        await customer.StartAsync();
        await Assertions.Expect(page.Locator("[data-testid=customer-waiting]")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("[data-testid=customer-callback]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal("0151 23456789", await page.InputValueAsync("#callback-phone"));
        Assert.Equal(CallState.Unanswered, (await CallAsync(app)).State);
    }

    [Fact]
    public async Task WhenASellerAccepts_TheCustomerIsInTheCall_AndBothSeeVideo_ThenTheBrandedEndPage()
    {
        await using var app = new LiveCallAppFactory();
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await using var customer = await CustomerAsync(app);
        var page = customer.Page;
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde");
        await customer.StartAsync();
        await Assertions.Expect(page.Locator("[data-testid=customer-sellers]")).ToHaveTextAsync("1 seller is being notified");

        var callId = (await CallAsync(app)).Id;
        var clock = Stopwatch.StartNew();
        var accepted = await app.Get<IncomingCallService>().AcceptAsync(callId, await app.Data.ScopeOfAsync(TestData.Seller1), default);
        Assert.Equal(AcceptOutcome.Won, accepted.Outcome);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/call/live");
        var onCallPage = clock.Elapsed;
        await Assertions.Expect(page.Locator("[data-call-root][data-status=joined]")).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator(".lc-call-title")).ToHaveTextAsync("Demo Motors");

        await using var seller = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, $"/call/{callId}");
        clock.Restart();
        await seller.WaitConnectedAsync(1);
        await seller.WaitRemoteVideoPlayingAsync(1);
        var sellerVideo = clock.Elapsed;
        await CallsPageDriver.Wrap(page, "customer").WaitRemoteVideoPlayingAsync(1);
        output.WriteLine($"accept → customer on the call page: {onCallPage.TotalMilliseconds:F0} ms; seller page loaded → remote video decoding: {sellerVideo.TotalMilliseconds:F0} ms");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("customer-in-call-en") });

        await page.ClickAsync("[data-testid=call-hangup]");
        await page.ClickAsync("[data-testid=call-notice] a");
        await Assertions.Expect(page).ToHaveURLAsync(EndedUrl());
        await Assertions.Expect(page.Locator("[data-testid=customer-brand]")).ToHaveTextAsync("Demo Motors");
        await Assertions.Expect(page.Locator("[data-testid=customer-ended-link]")).ToHaveAttributeAsync("href", "/call/demo-motors/downtown");
    }

    [Fact]
    public async Task EmbedButton_OnAnotherOrigin_ShowsOfflineThenOnline_AndOpensTheCustomerPage()
    {
        await using var app = new LiveCallAppFactory();
        await using var site = await HostSite.StartAsync(app.BaseAddress, "demo-motors/downtown");
        await using var customer = await CustomerAsync(app);
        var page = customer.Page;
        await page.GotoAsync(site.Address.ToString());
        Assert.NotEqual(new Uri(page.Url).Authority, app.BaseAddress.Authority);

        var button = page.Locator("[data-livecall-embed] button");
        await Assertions.Expect(button).ToHaveTextAsync("Video call – leave a callback request");
        await Assertions.Expect(button).ToHaveAttributeAsync("data-online", "false");

        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await page.ReloadAsync();
        await Assertions.Expect(button).ToHaveTextAsync("Video call – sellers available");
        await Assertions.Expect(button).ToHaveAttributeAsync("data-online", "true");
        // The host's "button { background: red }" does not reach into the shadow root.
        Assert.NotEqual("rgb(255, 0, 0)", await button.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        var popup = await page.RunAndWaitForPopupAsync(() => button.ClickAsync());
        await popup.WaitForLoadStateAsync();
        Assert.Equal(new Uri(app.BaseAddress, Page), new Uri(popup.Url));
        await Assertions.Expect(popup.Locator("[data-testid=customer-start]")).ToBeVisibleAsync();
    }

    [GeneratedRegex("/call/ended\\?at=demo-motors%2Fdowntown$")]
    private static partial Regex EndedUrl();
}
