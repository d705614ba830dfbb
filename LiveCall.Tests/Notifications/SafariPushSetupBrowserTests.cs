using LiveCall.Tests.Support;
using Microsoft.Playwright;

namespace LiveCall.Tests.Notifications;

/// <summary>
/// The dashboard's notification warning for Apple's browsers, in Chromium with Safari's user agent and what Safari
/// offers: Safari 16+ on macOS works like the others; on iPhone and iPad Web Push exists only in a Home Screen app
/// (iOS/iPadOS 16.4+), so a Safari tab there (no PushManager, no Notification) is told how to add LiveCall to the Home
/// Screen. The permission request runs in the click event itself, as Safari requires.
/// </summary>
public sealed class SafariPushSetupBrowserTests(LiveCallAppFactory app, ChromiumFixture chromium)
    : IClassFixture<LiveCallAppFactory>, IClassFixture<ChromiumFixture>
{
    private const string IPhoneSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    /// <summary>Safari on macOS, and on iPad too (it asks for desktop pages); only the touch screen tells them apart.</summary>
    private const string MacSafari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

    /// <summary>A Safari tab on iPhone/iPad: service workers, but neither the Push API nor notifications.</summary>
    private const string SafariTabOnIos = "delete window.PushManager; delete window.Notification;";
    private const string IPadTouchScreen = "Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { get: () => 5 });";
    private const string OpenedFromHomeScreen = "Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true });";
    private const string PermissionBlocked = "Object.defineProperty(Notification, 'permission', { get: () => 'denied' });";
    /// <summary>Records each permission request and whether it ran with the click's user activation (the browser's own flag); answers "not decided".</summary>
    private const string RecordPermissionRequests = """
        window.permissionRequests = [];
        Notification.requestPermission = () => {
            window.permissionRequests.push(navigator.userActivation.isActive);
            return Promise.resolve('default');
        };
        """;

    [Theory]
    [InlineData("en", "add LiveCall to your Home Screen (Share → Add to Home Screen), then open it from there and enable notifications")]
    [InlineData("de", "fügen Sie LiveCall zum Home-Bildschirm hinzu (Teilen → Zum Home-Bildschirm), öffnen Sie es dort und schalten Sie die Benachrichtigungen ein")]
    public async Task IPhoneSafariTab_IsToldToAddLiveCallToTheHomeScreen(string language, string guidance)
    {
        await using var context = await NewContextAsync(language, IPhoneSafari, phone: true, SafariTabOnIos);
        var page = await LoginAsync(context, language);

        var warning = page.Locator("[data-testid=push-warning]");
        await Assertions.Expect(warning).ToHaveAttributeAsync("data-status", "homescreen");
        await Assertions.Expect(page.Locator("[data-testid=push-homescreen]")).ToContainTextAsync(guidance);
        Assert.Equal(0, await page.Locator("[data-testid=push-enable]").CountAsync()); // nothing to enable in a tab
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-push-homescreen-iphone-{language}") });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"dashboard-push-homescreen-iphone-{language}");
    }

    [Theory]
    [InlineData("iPad Safari tab (desktop user agent, touch screen)", MacSafari, SafariTabOnIos + IPadTouchScreen, "homescreen")]
    [InlineData("Home Screen app on iOS before 16.4", IPhoneSafari, SafariTabOnIos + OpenedFromHomeScreen, "ios-update")]
    [InlineData("Home Screen app on iOS 16.4+", IPhoneSafari, OpenedFromHomeScreen, "prompt")]
    [InlineData("Safari 16+ on macOS", MacSafari, "", "prompt")]
    [InlineData("Chromium without Web Push", null, SafariTabOnIos, "unsupported")]
    public async Task AppleBrowsers_GetTheWarningThatFitsThem(string browser, string? userAgent, string script, string status)
    {
        await using var context = await NewContextAsync("en", userAgent, phone: userAgent == IPhoneSafari, script);
        var page = await LoginAsync(context, "en");

        await Assertions.Expect(page.Locator("[data-testid=push-warning]")).ToHaveAttributeAsync("data-status", status, new() { Timeout = 10_000 });
        var enableLinks = await page.Locator("[data-testid=push-enable]").CountAsync();
        Assert.True(status == "prompt" == (enableLinks == 1), $"{browser}: {enableLinks} 'Enable notifications' links at status {status}");
    }

    [Theory]
    [InlineData(IPhoneSafari, OpenedFromHomeScreen, "Settings → Notifications → LiveCall")]
    [InlineData(MacSafari, "", "Safari → Settings → Websites → Notifications")]
    [InlineData(null, "", "the icon left of the address bar")]
    public async Task BlockedNotifications_AreUnblockedWhereThisBrowserKeepsThem(string? userAgent, string script, string where)
    {
        await using var context = await NewContextAsync("en", userAgent, phone: userAgent == IPhoneSafari, script + PermissionBlocked);
        var page = await LoginAsync(context, "en");

        await Assertions.Expect(page.Locator("[data-testid=push-denied]")).ToContainTextAsync(where);
    }

    [Theory]
    [InlineData(IPhoneSafari, OpenedFromHomeScreen)]
    [InlineData(MacSafari, "")]
    public async Task EnableNotifications_AsksForPermissionOnlyInTheClickItself(string userAgent, string script)
    {
        await using var context = await NewContextAsync("en", userAgent, phone: userAgent == IPhoneSafari, script + RecordPermissionRequests);
        var page = await LoginAsync(context, "en");
        var warning = page.Locator("[data-testid=push-warning]");
        await Assertions.Expect(warning).ToHaveAttributeAsync("data-status", "prompt");
        Assert.Equal("[]", await page.EvaluateAsync<string>("JSON.stringify(window.permissionRequests)")); // not on load
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-push-enable-{(userAgent == IPhoneSafari ? "iphone-app" : "mac-safari")}-en") });

        await page.ClickAsync("[data-testid=push-enable]");

        await page.WaitForFunctionAsync("window.permissionRequests.length > 0");
        Assert.Equal("[true]", await page.EvaluateAsync<string>("JSON.stringify(window.permissionRequests)")); // once, with the click's activation
        await Assertions.Expect(warning).ToHaveAttributeAsync("data-status", "prompt"); // not decided: the link stays
        await Assertions.Expect(page.Locator("[data-testid=push-enable]")).ToBeEnabledAsync();
    }

    private async Task<IBrowserContext> NewContextAsync(string language, string? userAgent, bool phone, string script)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = language == "de" ? "de-DE" : "en-US",
            UserAgent = userAgent,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 800 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(15_000);
        if (script.Length > 0) await context.AddInitScriptAsync(script);
        return context;
    }

    private static async Task<IPage> LoginAsync(IBrowserContext context, string language)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
        await page.FillAsync("[data-testid=login-email]", TestData.Seller1);
        await page.FillAsync("[data-testid=login-password]", LiveCallAppFactory.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserSession.WaitInteractiveAsync(page);
        return page;
    }
}
