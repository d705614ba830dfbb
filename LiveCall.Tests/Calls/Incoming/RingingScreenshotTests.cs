using LiveCall.Core.Calls.Incoming;
using LiveCall.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The ringing dashboard photographed in English and German, desktop and phone. "Answered by" stays two minutes here
/// instead of five seconds: four screens are checked and photographed one after the other, which a busy machine cannot
/// promise within five seconds (the five seconds are tested in <see cref="RingingBrowserTests"/> and, on a fake clock,
/// in <see cref="RingToastListTests"/>). axe checks the ringing dashboard and the open presence menu in
/// <see cref="Components.AccessibilityTests"/>, in both languages; here only the chip's four colours.
/// </summary>
public sealed class RingingScreenshotTests(ChromiumFixture chromium, ITestOutputHelper output)
    : RingingPages(chromium, new Dictionary<string, string?> { ["RingToasts:EndedToastLifetime"] = "00:02:00" })
{
    [Fact]
    public async Task Screenshots_RingingAnsweredAndPresence_EnglishAndGerman_DesktopAndPhone()
    {
        var views = new (string Name, string Email, string Culture, int Width, int Height)[]
        {
            ("en-desktop", "seller1@livecall.demo", "en", 1280, 860),
            ("de-phone", "seller1@livecall.demo", "de", 390, 844),
            ("de-desktop", "seller2@livecall.demo", "de", 1280, 860),
            ("en-phone", "seller2@livecall.demo", "en", 390, 844),
        };
        var pages = new List<(string Name, IPage Page)>();
        foreach (var view in views)
        {
            var page = await SellerAsync(view.Email, view.Culture == "de" ? "de-DE" : "en-US", view.Width, view.Height);
            await page.GotoAsync($"culture/set?culture={view.Culture}&redirectUri=%2F");
            await WaitInteractiveAsync(page);
            await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
            pages.Add((view.Name, page));
        }

        await CallDowntownAsync("Clara Kunde");
        var second = (await CallDowntownAsync("Maximilian Mustermann-Schönberger")).CallId!.Value;
        foreach (var (name, page) in pages)
        {
            await Assertions.Expect(page.Locator(Toast)).ToHaveCountAsync(2);
            // Pushed in from the bus, yet in the seller's language.
            await Assertions.Expect(ToastOf(page, second).Locator("[data-testid=ring-accept]")).ToHaveTextAsync(name.StartsWith("de") ? "Annehmen" : "Accept");
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"ring-toast-{name}") });
        }

        // Someone who is on none of these screens answers the second call.
        Assert.Equal(AcceptOutcome.Won, (await Incoming.AcceptAsync(second, await ScopeOfAsync("dealer-admin@livecall.demo"), default)).Outcome);
        foreach (var (name, page) in pages)
        {
            await Assertions.Expect(ToastOf(page, second).Locator("[data-testid=ring-answered]"))
                .ToHaveTextAsync(name.StartsWith("de") ? "Angenommen von Dana Dealer" : "Answered by Dana Dealer");
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"ring-answered-{name}") });
        }

        foreach (var (name, page) in pages)
        {
            await page.ClickAsync("[data-testid=presence-chip]");
            await Assertions.Expect(page.Locator("[data-testid=presence-away]")).ToHaveTextAsync(name.StartsWith("de") ? "Auf abwesend setzen" : "Set me away");
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"presence-menu-{name}") });
        }
    }

    [Fact]
    public async Task Screenshots_PresenceMenuInItsFourStates_AndTheUsersListAvailability_EnglishAndGerman_DesktopAndPhone()
    {
        var views = new (string Name, string Email, string Culture, int Width, int Height)[]
        {
            ("en-desktop", "seller1@livecall.demo", "en", 1280, 860),
            ("de-phone", "seller2@livecall.demo", "de", 390, 844),
        };
        foreach (var view in views)
        {
            var page = await SellerAsync(view.Email, view.Culture == "de" ? "de-DE" : "en-US", view.Width, view.Height);
            await page.GotoAsync($"culture/set?culture={view.Culture}&redirectUri=%2F");
            await WaitInteractiveAsync(page);
            var chip = page.Locator("[data-testid=presence-chip]");
            async Task ShotAsync(string state)
            {
                await Assertions.Expect(chip).ToHaveAttributeAsync("data-status", state);
                // The menu of the choice before closes after the server answered, possibly after the chip changed: a
                // click on the chip while it is still open would close it instead of opening it.
                await Assertions.Expect(page.Locator("[data-testid=presence-state]")).ToBeHiddenAsync();
                await chip.ClickAsync();
                await page.Locator("[data-testid=presence-state]").WaitForAsync();
                await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"presence-{state.ToLowerInvariant()}-{view.Name}"), Animations = ScreenshotAnimations.Disabled });
                // axe once per state (on the desktop view): the chip's colours on the app bar are the same on a phone.
                if (view.Width > 600) await AxeCheck.AssertNoSeriousViolationsAsync(page, $"presence-{state}-{view.Name}", output);
            }
            await ShotAsync("Available");
            await page.ClickAsync("[data-testid=presence-away]");
            await ShotAsync("Away");
            await page.ClickAsync("[data-testid=presence-offduty]");
            await ShotAsync("OffDuty");
            await Assertions.Expect(page.Locator("[data-testid=presence-state]")).ToHaveTextAsync(view.Culture == "de" ? "Nicht im Dienst" : "Off duty");
            await page.ClickAsync("[data-testid=presence-available]");
            await Assertions.Expect(chip).ToHaveAttributeAsync("data-status", "Available");
            await App.Data.MakeBusyAsync(await ScopeOfAsync(view.Email));
            await page.ReloadAsync();
            await WaitInteractiveAsync(page);
            await ShotAsync("Busy");
        }

        foreach (var view in views)
        {
            var admin = await SellerAsync("dealer-admin@livecall.demo", view.Culture == "de" ? "de-DE" : "en-US", view.Width, view.Height);
            await admin.GotoAsync($"culture/set?culture={view.Culture}&redirectUri=%2Fadmin%2Fusers");
            await WaitInteractiveAsync(admin);
            await Assertions.Expect(admin.Locator("[data-testid=user-duty]")).ToHaveCountAsync(2);
            await Assertions.Expect(admin.Locator("[data-testid=user-duty][data-status=Busy]")).ToHaveCountAsync(2);
            await admin.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"users-availability-{view.Name}"), FullPage = true });
        }
    }

}
