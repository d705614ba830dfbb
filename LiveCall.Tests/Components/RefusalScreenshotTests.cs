using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Components;

/// <summary>
/// Every "no" the security work added, photographed in English and German, on a desktop and a phone: the login error, the
/// customer told a call is already waiting or the network has too many, the "too many windows" page, and a refused
/// message on the Outbox page with the budget it ran into. axe checks the "too many windows" page here; the login and
/// customer pages with their errors and the Outbox are checked in <see cref="AccessibilityTests"/>.
/// </summary>
public sealed class RefusalScreenshotTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("en", 1280, 860, "desktop", "Too many calls from your network. Please try again later.")]
    [InlineData("de", 390, 844, "phone", "Zu viele Anrufe aus Ihrem Netzwerk. Bitte versuchen Sie es später noch einmal.")]
    public async Task Refusals_LookRight(string language, int width, int height, string device, string tooMany)
    {
        await using var app = new LiveCallAppFactory
        {
            Options =
            {
                Settings =
                {
                    ["RingLimits:PerNetworkAtOnce"] = "2",
                    ["Connections:CircuitsPerUser"] = "1",
                    ["MessageBudgets:Email:Ring:PerLocationHourly"] = "0",
                },
            },
        };
        var name = $"{language}-{device}";
        var locale = language == "de" ? "de-DE" : "en-US";

        // The login error.
        var login = await BrowserSession.NewPageAsync(chromium.Browser, app.BaseAddress, locale, width, height);
        await login.GotoAsync($"culture/set?culture={language}&redirectUri=%2Faccount%2Flogin");
        await login.FillAsync("[data-testid=login-email]", "seller1@livecall.demo");
        await login.FillAsync("[data-testid=login-password]", "not the password");
        await login.ClickAsync("[data-testid=login-submit]");
        await login.Locator("[data-testid=login-error]").WaitForAsync();
        await ShotAsync(login, $"refusal-login-{name}");

        // The customer: a second call with the same number, then a network over its limit (both sellers on duty).
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await app.Data.OpenDashboardAsync(TestData.Seller2);
        async Task<CustomerPageDriver> CustomerAsync(string who, string phone)
        {
            var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, app.BaseAddress, locale, width, height, phone: width < 600, log: output.WriteLine);
            await customer.Page.GotoAsync($"culture/set?culture={language}&redirectUri=%2Fcall%2Fdemo-motors%2Fdowntown");
            await customer.FillEntryAsync(who, phone);
            await customer.StartAsync();
            return customer;
        }
        await using var first = await CustomerAsync("Clara Kunde", "0151 23456789");
        await first.TestId("customer-waiting").WaitForAsync();
        await using var again = await CustomerAsync("Clara Kunde", "0151 23456789");
        await Assertions.Expect(again.Page.Locator("[data-testid=customer-entry] [data-form-error]")).ToContainTextAsync(language == "de" ? "bereits einen wartenden Anruf" : "already have a call waiting");
        await ShotAsync(again.Page, $"refusal-customer-waiting-{name}");
        await using var second = await CustomerAsync("Bernd Kunde", "0160 1234567");
        await second.TestId("customer-waiting").WaitForAsync();
        await using var third = await CustomerAsync("Dora Kunde", "0170 7654321");
        await Assertions.Expect(third.Page.Locator("[data-testid=customer-entry] [data-form-error]")).ToHaveTextAsync(tooMany);
        await ShotAsync(third.Page, $"refusal-customer-network-{name}");

        // A seller's second window, with one circuit allowed per user.
        var seller = await BrowserSession.NewPageAsync(chromium.Browser, app.BaseAddress, locale, width, height);
        await seller.GotoAsync($"culture/set?culture={language}&redirectUri=%2Faccount%2Flogin");
        await BrowserSession.LoginAsync(seller, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
        await BrowserSession.WaitInteractiveAsync(seller);
        var secondWindow = await seller.Context.NewPageAsync();
        await secondWindow.GotoAsync("");
        await secondWindow.Locator("[data-testid=too-many-windows]").WaitForAsync();
        await ShotAsync(secondWindow, $"refusal-too-many-windows-{name}", axe: true);

        // A ring email over the location's budget, on the dealer admin's Outbox page.
        var downtown = await app.Data.LocationAsync("downtown");
        var refused = await app.Get<NotificationOutbox>().EnqueueEmailAsync(new EmailRequest("seller1@livecall.demo", "Clara Kunde is waiting", "Accept: …",
            null, OutboxPurpose.IncomingCall, downtown.DealerId, downtown.Id), default);
        Assert.Equal(SendRefusal.LocationHourlyCap, refused.Refusal);
        var admin = await BrowserSession.NewPageAsync(chromium.Browser, app.BaseAddress, locale, width, height);
        // Straight to the Outbox after the login: one circuit per user here, a dashboard first would use it up.
        await admin.GotoAsync($"culture/set?culture={language}&redirectUri=%2Faccount%2Flogin%3FReturnUrl%3D%252Foutbox");
        await admin.FillAsync("[data-testid=login-email]", "dealer-admin@livecall.demo");
        await admin.FillAsync("[data-testid=login-password]", LiveCallAppFactory.DemoPassword);
        await admin.ClickAsync("[data-testid=login-submit]");
        await BrowserSession.WaitInteractiveAsync(admin);
        await Assertions.Expect(admin.Locator("[data-testid=outbox-refusal]").First).ToContainTextAsync(language == "de" ? "Abgelehnt" : "Refused");
        await ShotAsync(admin, $"refusal-outbox-{name}", fullPage: true);
    }

    private async Task ShotAsync(IPage page, string name, bool fullPage = false, bool axe = false)
    {
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath(name), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        if (axe) await AxeCheck.AssertNoSeriousViolationsAsync(page, name, output);
    }
}
