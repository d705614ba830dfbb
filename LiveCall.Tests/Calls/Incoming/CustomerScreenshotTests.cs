using LiveCall.Core.Dealers;
using LiveCall.Tests.Support;
using Microsoft.Playwright;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Screenshots of every customer state in English and German, on a desktop and a phone (390×844), to look at.</summary>
public sealed class CustomerScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("de-DE", "de")]
    public async Task EveryCustomerState_LooksRight_OnDesktopAndPhone(string locale, string lang)
    {
        await using var app = new LiveCallAppFactory();
        await app.Data.AddDemoLocationAsync("showroom", "Europe/Berlin", OpeningHours.AlwaysOpen); // open, but no seller works there
        var otherDay = DateTime.UtcNow.AddDays(3).DayOfWeek;
        await app.Data.AddDemoLocationAsync("workshop", "Europe/Berlin", OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(17, 0), otherDay)); // closed today
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await using var site = await HostSite.StartAsync(app.BaseAddress, "demo-motors/downtown");

        foreach (var (device, width, height) in new[] { ("desktop", 1280, 860), ("phone", 390, 844) })
        {
            await using var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, app.BaseAddress, locale, width, height, phone: device == "phone");
            var page = customer.Page;
            async Task Shot(string name)
            {
                await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"customer-{name}-{lang}-{device}"), FullPage = true });
                await AxeCheck.AssertNoSeriousViolationsAsync(page, $"customer-{name}-{lang}-{device}");
            }

            await customer.GotoAsync();
            await Assertions.Expect(page.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
            await page.FillAsync("#customer-name", new string('x', 0));
            await customer.StartAsync();
            await Assertions.Expect(page.Locator("[data-error-for=privacy]").First).Not.ToBeEmptyAsync();
            await page.CheckAsync("[data-testid=customer-privacy]");
            await customer.StartAsync();
            await Assertions.Expect(page.Locator("[data-start-form] [data-error-for=name]")).Not.ToBeEmptyAsync();
            await Shot("entry-errors");
            await page.FillAsync("#customer-name", "Clara Kunde");
            await page.FillAsync("#customer-phone", "0151 23456789");
            await Shot("entry");

            await customer.StartAsync();
            await Assertions.Expect(page.Locator("[data-testid=customer-elapsed]")).ToHaveTextAsync("0:01");
            await Shot("waiting");
            await customer.ClickAsync("customer-cancel");
            await Assertions.Expect(page.Locator("[data-testid=customer-cancelled]")).ToBeVisibleAsync();
            await Shot("cancelled");

            await customer.GotoAsync("showroom");
            await page.FillAsync("#customer-name", "Clara Kunde");
            await page.FillAsync("#customer-email", "clara@example.com");
            await page.CheckAsync("[data-testid=customer-privacy]");
            await customer.StartAsync();
            await Assertions.Expect(page.Locator("[data-testid=customer-callback]")).ToBeVisibleAsync();
            await page.FillAsync("#callback-note", lang == "de" ? "Es geht um den blauen Kombi." : "About the blue estate car.");
            await Shot("callback");
            await page.ClickAsync("[data-testid=callback-send]");
            await Assertions.Expect(page.Locator("[data-testid=customer-thanks]")).ToBeVisibleAsync();
            await Shot("thanks");

            await customer.GotoAsync("workshop");
            await Assertions.Expect(page.Locator("[data-testid=customer-next-opening]")).Not.ToBeEmptyAsync();
            await Shot("closed");

            await customer.GotoAsync("nowhere");
            await Assertions.Expect(page.Locator("[data-testid=customer-not-found]")).ToBeVisibleAsync();
            await Shot("not-found");

            await page.GotoAsync(site.Address.ToString());
            await Assertions.Expect(page.Locator("[data-livecall-embed] button")).ToHaveAttributeAsync("data-online", "true");
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"customer-embed-{lang}-{device}") });
        }
    }
}
