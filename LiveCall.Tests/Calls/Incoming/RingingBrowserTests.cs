using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Two sellers' dashboards in Chromium on the real app: the in-app ring, Accept, Decline and "away".</summary>
public sealed class RingingBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Toast = "[data-testid=ring-toast]";
    private readonly LiveCallAppFactory _app = new();

    /// <summary>
    /// The ring runs on the real clock: Downtown rings for 30 minutes here, so that a slow, busy machine cannot let a
    /// call time out in the middle of a test (timeouts are tested with a fake clock elsewhere).
    /// </summary>
    public async Task InitializeAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromMinutes(30)));
    }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IncomingCallService Incoming => _app.Services.GetRequiredService<IncomingCallService>();

    /// <summary>Logs a seller in (own browser context) and waits until their dashboard listens for rings.</summary>
    private async Task<IPage> SellerAsync(string email, string locale = "en-US", int width = 1280, int height = 860)
    {
        var page = await NewPageAsync(chromium.Browser, _app.BaseAddress, locale, width, height);
        await LoginAsync(page, email, LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private Task<RingStart> CallDowntownAsync(string name) =>
        Incoming.StartAsync("demo-motors", "downtown", new CustomerContactInput(name, null, null), CustomerKeys.None, default);

    private static ILocator ToastOf(IPage page, Guid callId) => page.Locator($"{Toast}[data-call='{callId}']");

    [Fact]
    public async Task BothSellersRing_SellerOneAccepts_AndSellerTwoSeesAnsweredBySam()
    {
        var seller1 = await SellerAsync("seller1@livecall.demo");
        var seller2 = await SellerAsync("seller2@livecall.demo");

        var startTook = Stopwatch.StartNew();
        var start = await CallDowntownAsync("<script>alert(1)</script> Clara");
        output.WriteLine($"StartAsync (records the call, rings every circuit through the bus): {startTook.ElapsedMilliseconds} ms");
        var sinceStart = Stopwatch.StartNew();
        Assert.Equal(2, start.SellersRinging);
        var callId = start.CallId!.Value;

        await Task.WhenAll(new[] { ("seller1", seller1), ("seller2", seller2) }.Select(async s =>
        {
            await Assertions.Expect(ToastOf(s.Item2, callId).Locator("[data-testid=ring-caller]")).ToHaveTextAsync("<script>alert(1)</script> Clara");
            output.WriteLine($"StartAsync returned → toast visible on {s.Item1}: {sinceStart.ElapsedMilliseconds} ms");
        }));
        foreach (var page in new[] { seller1, seller2 })
        {
            await Assertions.Expect(ToastOf(page, callId).Locator("[data-testid=ring-location]")).ToHaveTextAsync("Downtown");
            await Assertions.Expect(ToastOf(page, callId).Locator("[data-testid=ring-waiting]")).ToHaveTextAsync(new Regex(@"^waiting 0:\d\d$"));
            await page.WaitForSelectorAsync("html[data-ringing=true]", new() { State = WaitForSelectorState.Attached });
            await page.WaitForFunctionAsync("() => document.title.includes('Incoming call')");
        }
        Assert.False(await seller1.EvaluateAsync<bool>("() => window.__xss === true"));
        await Assertions.Expect(seller2.Locator("html")).ToHaveAttributeAsync("data-ringtone", "playing");

        await seller1.ClickAsync($"{Toast}[data-call='{callId}'] [data-testid=ring-accept]");
        var sinceAccept = Stopwatch.StartNew();
        await Assertions.Expect(ToastOf(seller2, callId).Locator("[data-testid=ring-answered]")).ToHaveTextAsync("Answered by Sam Seller");
        output.WriteLine($"Accept click → 'Answered by' on seller2: {sinceAccept.ElapsedMilliseconds} ms");
        await seller1.WaitForURLAsync(new Regex($"/call/{callId}$"));
        output.WriteLine($"Accept click → seller1 on the call page: {sinceAccept.ElapsedMilliseconds} ms");

        await seller2.WaitForSelectorAsync("html[data-ringing=false]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(ToastOf(seller2, callId)).ToHaveCountAsync(0, new() { Timeout = 10_000 }); // "Answered by" goes away after ~5 s
        await Assertions.Expect(ToastOf(seller2, callId).Locator("[data-testid=ring-accept]")).ToHaveCountAsync(0);
        Assert.Equal("seller1@livecall.demo", await AcceptedByAsync(callId));
    }

    [Fact]
    public async Task Decline_RemovesTheToastForThatSeller_InEveryTab_Only()
    {
        var seller1 = await SellerAsync("seller1@livecall.demo");
        var seller1SecondTab = await seller1.Context.NewPageAsync();
        await GotoInteractiveAsync(seller1SecondTab, "/followup");
        await seller1SecondTab.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        var seller2 = await SellerAsync("seller2@livecall.demo");

        var callId = (await CallDowntownAsync("Clara Kunde")).CallId!.Value;
        foreach (var page in new[] { seller1, seller1SecondTab, seller2 })
            await Assertions.Expect(ToastOf(page, callId)).ToBeVisibleAsync();

        await seller1.ClickAsync($"{Toast}[data-call='{callId}'] [data-testid=ring-decline]");

        await Assertions.Expect(ToastOf(seller1, callId)).ToHaveCountAsync(0);
        await Assertions.Expect(ToastOf(seller1SecondTab, callId)).ToHaveCountAsync(0);
        await seller1.WaitForSelectorAsync("html[data-ringing=false]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(ToastOf(seller2, callId)).ToHaveAttributeAsync("data-state", "Ringing");
        await Assertions.Expect(ToastOf(seller2, callId).Locator("[data-testid=ring-accept]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task AwaySeller_IsNotRung_AndStaysAwayAfterAReload()
    {
        var seller1 = await SellerAsync("seller1@livecall.demo");
        var seller2 = await SellerAsync("seller2@livecall.demo");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Available");

        await seller2.ClickAsync("[data-testid=presence-chip]");
        await seller2.ClickAsync("[data-testid=presence-away]");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Away");

        var start = await CallDowntownAsync("Clara Kunde");
        Assert.Equal(1, start.SellersRinging);
        await Assertions.Expect(ToastOf(seller1, start.CallId!.Value)).ToBeVisibleAsync();
        // seller2 is not among the rung sellers: the RingStarted never even enters their circuit's queue.
        Assert.Equal(0, await seller2.Locator(Toast).CountAsync());
        Assert.Equal("false", await seller2.EvaluateAsync<string?>("() => document.documentElement.dataset.ringing ?? 'false'"));

        await seller2.ReloadAsync();
        await WaitInteractiveAsync(seller2);
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Away");
        await seller2.ClickAsync("[data-testid=presence-chip]");
        await seller2.ClickAsync("[data-testid=presence-available]");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Available");
        Assert.Equal(2, (await CallDowntownAsync("Bernd Kunde")).SellersRinging);

        // A dealer admin is never rung: no availability to show.
        var admin = await SellerAsync("dealer-admin@livecall.demo");
        await admin.WaitForSelectorAsync("[data-testid=presence-none]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await admin.Locator("[data-testid=presence-chip]").CountAsync());
    }

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
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"ring-toast-{name}", output);
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
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"presence-menu-{name}", output);
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
            await _app.Data.MakeBusyAsync(await ScopeOfAsync(view.Email));
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

    private Task<TenantScope> ScopeOfAsync(string email) => _app.Data.ScopeOfAsync(email);

    private async Task<string?> AcceptedByAsync(Guid callId)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var userId = await db.Calls.Where(c => c.Id == callId).Select(c => c.AcceptedByUserId).SingleAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
    }
}
