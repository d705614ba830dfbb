using LiveCall.Tests.Support;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Components;

/// <summary>
/// Screenshots of the foundation's pages in English and German (artifacts/screenshots), taken for a
/// person to look at; each also checks that the page speaks the chosen language.
/// </summary>
public sealed class ScreenshotTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly ChromiumFixture _chromium;
    private readonly LiveCallAppFactory _app = new();

    public ScreenshotTests(ChromiumFixture chromium) => _chromium = chromium;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en", "Log in to LiveCall", "Users", "Dashboard")]
    [InlineData("de", "Bei LiveCall anmelden", "Benutzer", "Dashboard")]
    public async Task StaffPages_InBothLanguages(string language, string loginTitle, string usersTitle, string dashboardTitle)
    {
        var locale = language == "de" ? "de-DE" : "en-US";
        var page = await NewPageAsync(_chromium.Browser, _app.BaseAddress, locale);
        await page.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
        Assert.Equal(loginTitle, (await page.InnerTextAsync("h1")).Trim());
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"login-{language}") });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"login-{language}");

        await LoginAsync(page, "admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=dashboard-tiles]");
        Assert.Contains(dashboardTitle, await page.InnerTextAsync("h1"));
        await page.HoverAsync("[data-testid=hover-menu-button]");
        await page.WaitForSelectorAsync("[data-testid=menu-outbox]");
        await page.WaitForTimeoutAsync(400); // let the menu's fade-in finish: this is a picture, not an assertion
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-menu-{language}") });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"dashboard-menu-{language}");

        foreach (var (path, name) in new[] { ("admin/users", "users"), ("admin/locations", "locations"), ("admin/dealers", "dealers"), ("admin/branding", "branding"), ("outbox", "outbox"), ("admin/locations/new", "location-form") })
        {
            await GotoInteractiveAsync(page, path);
            await page.WaitForSelectorAsync("h1");
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"{name}-{language}"), FullPage = true });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"{name}-{language}");
        }
        await GotoInteractiveAsync(page, "admin/users");
        Assert.Equal(usersTitle, (await page.InnerTextAsync("h1")).Trim());

        var phone = await NewPageAsync(_chromium.Browser, _app.BaseAddress, locale, width: 390, height: 844);
        await phone.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
        await LoginAsync(phone, "admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        await phone.WaitForSelectorAsync("[data-testid=dashboard-tiles]");
        await phone.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-phone-{language}"), FullPage = true });
        await AxeCheck.AssertNoSeriousViolationsAsync(phone, $"dashboard-phone-{language}");
        await GotoInteractiveAsync(phone, "admin/users");
        await phone.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await phone.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"users-phone-{language}"), FullPage = true });
        await AxeCheck.AssertNoSeriousViolationsAsync(phone, $"users-phone-{language}");
    }
}
