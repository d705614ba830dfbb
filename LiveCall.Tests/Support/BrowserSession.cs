using Microsoft.Playwright;

namespace LiveCall.Tests.Support;

/// <summary>Small steps a person takes in the staff UI, for the Chromium tests.</summary>
public static class BrowserSession
{
    public static async Task<IPage> NewPageAsync(IBrowser browser, Uri baseAddress, string locale = "en-US", int width = 1280, int height = 860)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        await CspWatch.InstallAsync(context);
        return await context.NewPageAsync();
    }

    public static async Task LoginAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("account/login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await WaitInteractiveAsync(page);
    }

    /// <summary>Waits until the Blazor circuit has rendered (pre-rendered buttons do nothing before that).</summary>
    /// <summary>
    /// Waits until Chromium has painted two frames of the page as it is now. EvaluateAsync awaits the Promise (unlike
    /// WaitForFunction); the page must allow scripts.
    /// </summary>
    public static Task PaintedAsync(IPage page) =>
        page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))");

    /// <summary>
    /// A screenshot once the page has painted (<see cref="PaintedAsync"/>): Chromium can refuse a capture taken right
    /// after a navigation, before the new document's first frame ("Unable to capture screenshot").
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, PageScreenshotOptions options)
    {
        await PaintedAsync(page);
        await page.ScreenshotAsync(options);
    }

    public static Task WaitInteractiveAsync(IPage page) => page.WaitForSelectorAsync("html[data-interactive=true]", new() { State = WaitForSelectorState.Attached });

    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Types into a MudBlazor field and leaves it (MudBlazor binds on change, like a person tabbing on).</summary>
    public static async Task FillFieldAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"input[data-testid={testId}]");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>Opens a MudSelect and picks the item with this text.</summary>
    public static async Task SelectAsync(IPage page, string testId, string itemText)
    {
        await page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = itemText }).First.ClickAsync();
    }
}
