using LiveCall.Tests.Support;
using Microsoft.Playwright;

namespace LiveCall.Tests.Calls;

/// <summary>
/// The camera check before a call (wwwroot/js/camera.js) on the customer's and the guest's page tells "denied",
/// "no camera" and "in use" apart. Denied and no camera are real Chromium outcomes: a browser without the fake
/// permission prompt (headless Chromium then blocks the request, as a visitor pressing "Block" does) and one whose
/// fake capture has no camera. Headless Chromium cannot make a camera busy, so "in use" replaces getUserMedia with
/// one that fails the way Chrome does when another application holds the camera.
/// </summary>
public sealed class CameraCheckBrowserTests(ChromiumFixture chromium, LiveCallAppFactory app)
    : IClassFixture<ChromiumFixture>, IClassFixture<LiveCallAppFactory>, IAsyncLifetime
{
    private const string CustomerPage = "call/demo-motors/downtown";
    private const string NoDevice = "No camera or microphone was found. You can still call; connect them and reload this page to be seen and heard.";
    private const string InUse = "Your camera or microphone is being used by another application. You can still call; close that application and reload this page to be seen and heard.";

    private IPlaywright _playwright = default!;

    public async Task InitializeAsync() => _playwright = await Playwright.CreateAsync();

    public Task DisposeAsync()
    {
        _playwright.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("en-US", "en", "Access to camera and microphone was denied. You can still call; allow them in your browser's site settings to be seen and heard.")]
    [InlineData("de-DE", "de", "Der Zugriff auf Kamera und Mikrofon wurde verweigert. Sie können trotzdem anrufen; erlauben Sie ihn in den Website-Einstellungen Ihres Browsers, um gesehen und gehört zu werden.")]
    public async Task CustomerPage_WhenTheCameraIsBlocked_SaysAccessWasDenied(string locale, string lang, string text)
    {
        await using var browser = await LaunchAsync(ChromiumFixture.Args.Where(a => a != "--use-fake-ui-for-media-stream"));
        var page = await NewPageAsync(browser, grantCamera: false, locale);
        await page.GotoAsync(CustomerPage);

        var status = page.Locator("[data-testid=customer-preview-status][data-state=failed]");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-problem", "denied");
        await Assertions.Expect(status).ToHaveTextAsync(text);
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"customer-camera-denied-{lang}") });
    }

    [Fact]
    public async Task CustomerPage_OnAComputerWithoutACamera_SaysNoneWasFound()
    {
        await using var browser = await LaunchAsync(ChromiumFixture.Args.Select(a => a == "--use-fake-device-for-media-stream" ? a + "=device-count=0" : a));
        var page = await NewPageAsync(browser, grantCamera: true);
        await page.GotoAsync(CustomerPage);

        var status = page.Locator("[data-testid=customer-preview-status][data-state=failed]");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-problem", "no-device");
        await Assertions.Expect(status).ToHaveTextAsync(NoDevice);
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("customer-camera-none-en") });
    }

    [Fact]
    public async Task CustomerPage_WhenAnotherApplicationHoldsTheCamera_SaysItIsInUse()
    {
        var page = await NewPageAsync(chromium.Browser, grantCamera: true);
        await page.AddInitScriptAsync("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Could not start video source', 'NotReadableError'));");
        await page.GotoAsync(CustomerPage);

        var status = page.Locator("[data-testid=customer-preview-status][data-state=failed]");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-problem", "in-use");
        await Assertions.Expect(status).ToHaveTextAsync(InUse);
    }

    [Fact]
    public async Task GuestPage_WhenTheCameraIsBlocked_SaysAccessWasDenied_AndJoinStillWorks()
    {
        var call = await app.Data.StartFollowUpAsync();
        var invitation = await app.Data.InviteGuestAsync(call.Id, "Erika");
        await using var browser = await LaunchAsync(ChromiumFixture.Args.Where(a => a != "--use-fake-ui-for-media-stream"));
        var page = await NewPageAsync(browser, grantCamera: false);
        await page.GotoAsync($"j/{invitation.Token}");

        var status = page.Locator("[data-testid=guest-preview-status][data-state=failed]");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-problem", "denied");
        await Assertions.Expect(status).ToHaveTextAsync("Access to camera and microphone was denied. You can still join; allow them in your browser's site settings to be seen and heard.");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("guest-camera-denied-en") });
        await page.ClickAsync("[data-testid=guest-join]");
        await Assertions.Expect(page.Locator("[data-testid=call-notice]")).ToContainTextAsync("Access to camera and microphone was denied.");
    }

    private Task<IBrowser> LaunchAsync(IEnumerable<string> args) => _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("LIVECALL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        Headless = true,
        Args = [.. args],
    });

    private async Task<IPage> NewPageAsync(IBrowser browser, bool grantCamera, string locale = "en-US")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = locale,
            Permissions = grantCamera ? ["camera", "microphone"] : [],
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }
}
