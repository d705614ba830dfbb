using LiveCall.Core.Calls.Incoming;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>The dashboard's missed calls and callback requests in Chromium: contact shown, "FollowUp Call" pre-filled, "Done".</summary>
public sealed class MissedCallsBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A call nobody could take (contact given at the start) and a callback request left outside opening hours.</summary>
    private async Task SeedAsync()
    {
        await _app.Get<IncomingCallService>().StartAsync("demo-motors", "downtown",
            new CustomerContactInput("Clara Kunde", "0151 23456789", "clara@example.com"), CustomerKeys.None, default);
        await _app.Get<CallbackService>().CreateAsync("demo-motors", "downtown",
            new CustomerContactInput("<b>Max</b> Mustermann-Schönberger", null, "max@example.com", "Interested in the blue estate car, please call after 5 pm."),
            null, default);
    }

    [Theory]
    [InlineData("en", "Missed calls and callback requests", "Callback request", "Done")]
    [InlineData("de", "Verpasste Anrufe und Rückrufwünsche", "Rückrufwunsch", "Erledigt")]
    public async Task Dashboard_ListsBothWithTheirContact_InTheSellersLanguage(string language, string title, string callbackChip, string done)
    {
        await SeedAsync();
        foreach (var (width, height, size) in new[] { (1280, 860, "desktop"), (390, 844, "phone") })
        {
            var page = await NewPageAsync(chromium.Browser, _app.BaseAddress, language == "de" ? "de-DE" : "en-US", width, height);
            await page.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
            await LoginAsync(page, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword);

            var panel = page.Locator("[data-testid=missed-calls]");
            await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync(title);
            await Assertions.Expect(panel.Locator("[data-testid=missed-item]")).ToHaveCountAsync(2);
            var callback = panel.Locator("[data-testid=missed-item][data-kind=Callback]");
            await Assertions.Expect(callback.Locator("[data-testid=missed-name]")).ToHaveTextAsync("<b>Max</b> Mustermann-Schönberger");
            await Assertions.Expect(callback).ToContainTextAsync(callbackChip);
            await Assertions.Expect(callback.Locator("[data-testid=missed-note]")).ToContainTextAsync("blue estate car");
            var missed = panel.Locator("[data-testid=missed-item][data-kind=MissedCall]");
            await Assertions.Expect(missed.Locator("[data-testid=missed-contact]")).ToContainTextAsync("+49 1512 3456789");
            await Assertions.Expect(missed.Locator("[data-testid=missed-done]")).ToHaveTextAsync(done);
            await panel.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"dashboard-missed-{language}-{size}"), FullPage = true });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"dashboard-missed-{language}-{size}");
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task FollowUpCall_StartsPrefilled_AndDone_TakesTheItemAwayForEveryone()
    {
        await SeedAsync();
        var seller1 = await NewPageAsync(chromium.Browser, _app.BaseAddress);
        await LoginAsync(seller1, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
        var seller2 = await NewPageAsync(chromium.Browser, _app.BaseAddress);
        await LoginAsync(seller2, "seller2@livecall.demo", LiveCallAppFactory.DemoPassword);
        await Assertions.Expect(seller2.Locator("[data-testid=missed-item]")).ToHaveCountAsync(2);

        // "Done" on the missed call: gone here and, through the live bus, on the other seller's open dashboard.
        await seller1.ClickAsync("[data-testid=missed-item][data-kind=MissedCall] [data-testid=missed-done]");
        await Assertions.Expect(seller1.Locator("[data-testid=missed-item]")).ToHaveCountAsync(1);
        await Assertions.Expect(seller2.Locator("[data-testid=missed-item]")).ToHaveCountAsync(1);

        // "FollowUp Call" on the callback request: the form starts with the customer's name and address.
        await seller1.ClickAsync("[data-testid=missed-item][data-kind=Callback] [data-testid=missed-followup]");
        await seller1.WaitForURLAsync(url => new Uri(url).PathAndQuery.StartsWith("/followup?callback=", StringComparison.Ordinal));
        await WaitInteractiveAsync(seller1);
        await Assertions.Expect(seller1.Locator("input[data-testid=followup-name]")).ToHaveValueAsync("<b>Max</b> Mustermann-Schönberger");
        await Assertions.Expect(seller1.Locator("input[data-testid=followup-contact]")).ToHaveValueAsync("max@example.com");

        await using var db = await _app.DbAsync();
        Assert.NotNull((await db.Calls.SingleAsync()).HandledUtc);
        Assert.Null((await db.CallbackRequests.SingleAsync()).DoneUtc); // done only once the FollowUp call is really started
    }
}
