using LiveCall.Tests.Support;
using Microsoft.Playwright;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Account;

/// <summary>
/// The "done when", as a person does it: the demo admin creates a location and a seller, the
/// seller activates the account from the Outbox link, sets a password and sees the dashboard.
/// </summary>
public sealed class OnboardingTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly ChromiumFixture _chromium;
    private readonly LiveCallAppFactory _app = new();

    public OnboardingTests(ChromiumFixture chromium) => _chromium = chromium;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_CreatesLocationAndSeller_SellerActivatesFromOutboxAndLogsIn()
    {
        var admin = await NewPageAsync(_chromium.Browser, _app.BaseAddress);
        await LoginAsync(admin, "admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        await admin.WaitForSelectorAsync("[data-testid=dashboard-tiles]");

        // A new location.
        await GotoInteractiveAsync(admin, "admin/locations/new");
        await FillFieldAsync(admin, "location-name", "Harbour");
        await FillFieldAsync(admin, "location-slug", "harbour");
        await admin.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("location-new-en"), FullPage = true });
        await AxeCheck.AssertNoSeriousViolationsAsync(admin, "location-new-en");
        await admin.ClickAsync("[data-testid=location-save]");
        await admin.WaitForURLAsync("**/admin/locations");
        await admin.Locator("[data-testid=locations-table]").GetByRole(AriaRole.Link, new() { Name = "Harbour" }).WaitForAsync();

        // A new seller at that location.
        await GotoInteractiveAsync(admin, "admin/users/new");
        await FillFieldAsync(admin, "user-name", "Nina Newcomer");
        await FillFieldAsync(admin, "user-email", "nina@demo-motors.test");
        await FillFieldAsync(admin, "user-mobile", "0151 44455566");
        await SelectAsync(admin, "user-location", "Harbour");
        // The form turns "Create user" on once it is valid: look (and run axe) after that render, not during its colour change.
        await Assertions.Expect(admin.Locator("[data-testid=user-save]")).ToBeEnabledAsync();
        await admin.Mouse.MoveAsync(0, 0); // not hovering the button where the location list was
        await admin.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("user-new-en"), FullPage = true });
        await AxeCheck.AssertNoSeriousViolationsAsync(admin, "user-new-en");
        await admin.ClickAsync("[data-testid=user-save]");
        await admin.WaitForURLAsync("**/admin/users");
        await admin.Locator("[data-testid=users-table]").GetByRole(AriaRole.Link, new() { Name = "Nina Newcomer" }).WaitForAsync();

        // The activation email, opened from the Outbox page.
        await GotoInteractiveAsync(admin, "outbox");
        var row = admin.Locator("[data-testid=outbox-table] tr").Filter(new() { HasText = "nina@demo-motors.test" });
        var link = await row.Locator("[data-testid=outbox-link]").GetAttributeAsync("href");
        Assert.Contains("/account/activate?", link);

        var seller = await NewPageAsync(_chromium.Browser, _app.BaseAddress);
        await seller.GotoAsync(link!);
        await seller.FillAsync("[data-testid=new-password]", "Harbour-View-2026!");
        Assert.Equal("4", await seller.GetAttributeAsync("#strength", "data-level"));
        await seller.FillAsync("[data-testid=confirm-password]", "Harbour-View-2026!");
        await seller.ClickAsync("[data-testid=set-password-submit]");
        await seller.WaitForSelectorAsync("[data-testid=password-set]");

        await LoginAsync(seller, "nina@demo-motors.test", "Harbour-View-2026!");
        await seller.WaitForSelectorAsync("[data-testid=dashboard-tiles]");
        Assert.Equal("Nina Newcomer", (await seller.InnerTextAsync("[data-testid=current-user]")).Trim());
        Assert.Contains("Hello Nina Newcomer", await seller.InnerTextAsync("[data-testid=dashboard-welcome]"));
    }

    [Fact]
    public async Task StrengthBar_FollowsThePasswordWhileTyping()
    {
        var page = await NewPageAsync(_chromium.Browser, _app.BaseAddress);
        await page.GotoAsync("account/activate?user=x&token=y");
        // An invalid link shows the friendly answer, not a form.
        await page.WaitForSelectorAsync("[data-testid=link-invalid]");
    }
}
