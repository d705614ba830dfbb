using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Screenshots (EN and DE) of the notification warning, the accept-link pages, the location form and the incoming-call email.</summary>
public sealed class EscalationScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("en", "Enable notifications", "Answered by Sophie Seller", "Takes video calls")]
    [InlineData("de", "Benachrichtigungen einschalten", "Angenommen von Sophie Seller", "Nimmt Videoanrufe an")]
    public async Task EscalationPages_InBothLanguages(string language, string enable, string answeredBy, string activeLabel)
    {
        await using var app = new LiveCallAppFactory { Options = { FakeClock = true } };
        await SetLanguageAsync(app, language);
        var options = new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = language == "de" ? "de-DE" : "en-US", ViewportSize = new() { Width = 1280, Height = 760 } };

        // The dashboard's red warning, and the explanation for a browser without Web Push (as Safari on iPhone).
        await using (var context = await chromium.Browser.NewContextAsync(options))
        {
            var page = await LoginAsync(context, language, "seller1@livecall.demo");
            await Assertions.Expect(page.Locator("[data-testid=push-warning]")).ToContainTextAsync(enable);
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-push-warning-{language}") });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"dashboard-push-warning-{language}");
        }
        await using (var context = await chromium.Browser.NewContextAsync(options))
        {
            await context.AddInitScriptAsync("delete window.PushManager;");
            var page = await LoginAsync(context, language, "seller1@livecall.demo");
            await page.Locator("[data-testid=push-unsupported]").WaitForAsync();
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-push-unsupported-{language}") });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"dashboard-push-unsupported-{language}");
        }

        // The accept link: the confirm page (script off, as a mail scanner sees it), answered by, invalid.
        var callId = await app.Data.RingAsync("Clara Kunde");
        var token = await app.Data.LinkTokenAsync(callId, TestData.Seller1);
        await using (var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions(options) { JavaScriptEnabled = false, ViewportSize = new() { Width = 420, Height = 760 } }))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"culture/set?culture={language}&redirectUri=/r/{token}");
            await page.Locator("[data-testid=accept-link-confirm]").WaitForAsync();
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"accept-link-confirm-{language}") });
            await app.Data.AcceptAsync(callId, TestData.Seller2);
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("[data-testid=accept-link-answered] h1")).ToHaveTextAsync(answeredBy);
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"accept-link-answered-{language}") });
            await page.GotoAsync("r/no-such-link");
            await page.Locator("[data-testid=accept-link-invalid]").WaitForAsync();
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"accept-link-invalid-{language}") });
        }

        // The incoming-call email as the seller's mail program would render it (it holds no script; scripts stay on so that
        // the capture can wait until Chromium has painted the new page: a fresh context's first capture can otherwise be
        // refused with "Unable to capture screenshot").
        await using (var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions(options) { ViewportSize = new() { Width = 700, Height = 640 } }))
        {
            var page = await context.NewPageAsync();
            var email = (await app.Data.MessagesAsync(callId)).First(m => m.Channel == OutboxChannel.Email);
            Assert.DoesNotContain("<script", email.HtmlBody!, StringComparison.OrdinalIgnoreCase);
            await page.SetContentAsync(email.HtmlBody!);
            await BrowserSession.ScreenshotAsync(page, new() { Path = ChromiumFixture.ScreenshotPath($"incoming-call-email-{language}"), FullPage = true });
        }

        // The location form with "takes video calls" and the escalation delays.
        await using (var context = await chromium.Browser.NewContextAsync(options))
        {
            var page = await LoginAsync(context, language, "dealer-admin@livecall.demo");
            await using (var db = await app.DbAsync())
            {
                var downtown = await db.Locations.SingleAsync(l => l.Slug == "downtown");
                await BrowserSession.GotoInteractiveAsync(page, $"admin/locations/{downtown.Id}");
            }
            await Assertions.Expect(page.Locator("[data-testid=location-form]")).ToContainTextAsync(activeLabel);
            await page.Locator("input[data-testid=location-sms-delay]").FillAsync("900");
            await page.Locator("input[data-testid=location-sms-delay]").PressAsync("Tab");
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"location-form-escalation-{language}"), FullPage = true });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"location-form-escalation-{language}");
        }
    }

    private static async Task<IPage> LoginAsync(IBrowserContext context, string language, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", LiveCallAppFactory.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await BrowserSession.WaitInteractiveAsync(page);
        return page;
    }

    private static async Task SetLanguageAsync(LiveCallAppFactory app, string language)
    {
        await using var db = await app.DbAsync();
        foreach (var user in await db.Users.Where(u => u.LocationId != null).ToListAsync()) user.SetProfile(user.DisplayName, user.Mobile, language);
        await db.SaveChangesAsync();
    }
}
