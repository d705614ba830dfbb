using System.Text.RegularExpressions;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The accept link in Chromium on the real app: a link scanner that runs the page's script accepts nothing; the seller's
/// phone accepts with one tap; the seller's own signed-in browser accepts at once; "I'm away for today" and "I'm available".
/// </summary>
public sealed class AcceptLinkBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Toast = "[data-testid=ring-toast]";
    /// <summary>Rings follow each other within seconds here, and each test reads the link from the seller's SMS: no SMS cooldown.</summary>
    private readonly LiveCallAppFactory _app = new() { Options = { Settings = { ["SmsLimits:CooldownPerNumber"] = "00:00:00" } } };

    /// <summary>The real clock, with a 30-minute ring at Downtown so that a slow machine cannot time a call out mid-test.</summary>
    public async Task InitializeAsync()
    {
        await using var db = await _app.DbAsync();
        await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromMinutes(30)));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A seller's dashboard in a browser of their own, listening for rings.</summary>
    private async Task<IPage> DashboardAsync(string email)
    {
        var page = await NewPageAsync(chromium.Browser, _app.BaseAddress);
        await LoginAsync(page, email, LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>A phone without any sign-in (the seller's, or a scanner's): touch, 390×844.</summary>
    private async Task<IPage> PhoneAsync(string locale = "en-US")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(), Locale = locale, ViewportSize = new() { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private async Task<Guid> CallDowntownAsync(string name = "Clara Kunde")
    {
        var start = await _app.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", new CustomerContactInput(name, null, null), CustomerKeys.None, default);
        Assert.True(start.Ringing);
        return start.CallId!.Value;
    }

    private static ILocator ToastOf(IPage page, Guid callId) => page.Locator($"{Toast}[data-call='{callId}']");

    private async Task<SellerStatus> StatusAsync(string email) =>
        await _app.Get<SellerAvailability>().StatusOfAsync((await _app.Data.ScopeOfAsync(email)).UserId, default);

    private async Task<bool> RingsAsync(Guid callId, string email)
    {
        var userId = (await _app.Data.ScopeOfAsync(email)).UserId;
        await using var db = await _app.DbAsync();
        return await db.RingTargets.AnyAsync(t => t.CallId == callId && t.UserId == userId && t.DeclinedUtc == null);
    }

    /// <summary>
    /// Runs <paramref name="script"/> in the page as a scanner would (after the evaluation returns, so that the navigation
    /// it starts cannot cut it short) and waits for the page its post brings: a new document, asking for a tap.
    /// </summary>
    private static async Task ScriptPostsAsync(IPage page, string script)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync($"() => {{ document.documentElement.dataset.before = 'true'; setTimeout({script}, 0); }}"),
            r => r.Request.Method == "POST");
        await Assertions.Expect(page.Locator("html:not([data-before]) [data-testid=accept-link-tap]")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [Fact]
    public async Task ScannerRunningThePageScript_AcceptsNothing_AndTheLinkStillWorks()
    {
        var dashboard = await DashboardAsync(TestData.Seller1);
        await _app.Data.OpenDashboardAsync(TestData.Seller2);
        var callId = await CallDowntownAsync();
        await Assertions.Expect(ToastOf(dashboard, callId)).ToHaveAttributeAsync("data-state", "Ringing");
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);

        var scanner = await NewPageAsync(chromium.Browser, _app.BaseAddress);
        await scanner.GotoAsync($"r/{token}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await ScriptPostsAsync(scanner, "() => document.querySelector('form').requestSubmit()");
        await ScriptPostsAsync(scanner, "() => document.querySelector('[data-testid=accept-link-accept]').click()");
        await ScriptPostsAsync(scanner, "() => document.querySelector('[data-testid=accept-link-accept]').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))");
        await ScriptPostsAsync(scanner, "() => document.querySelector('[data-testid=accept-link-set-away]').click()");
        await ScriptPostsAsync(scanner, "() => document.querySelector('form').submit()");

        Assert.Equal(CallState.Ringing, (await _app.Data.CallAsync(callId)).State);
        Assert.True(await RingsAsync(callId, TestData.Seller1));
        Assert.Equal(SellerStatus.Available, await StatusAsync(TestData.Seller1));
        await Assertions.Expect(ToastOf(dashboard, callId)).ToHaveAttributeAsync("data-state", "Ringing");
        await Assertions.Expect(ToastOf(dashboard, callId).Locator("[data-testid=ring-accept]")).ToBeEnabledAsync();
        Assert.NotNull(await _app.Get<RingAcceptLinks>().FindAsync(token, default));

        var phone = await PhoneAsync();
        await phone.GotoAsync($"r/{token}");
        await phone.TapAsync("[data-testid=accept-link-accept]");
        await phone.WaitForURLAsync(new Regex("/r/call$"));
        Assert.Equal((await _app.Data.ScopeOfAsync(TestData.Seller1)).UserId, (await _app.Data.CallAsync(callId)).AcceptedByUserId);
    }

    [Fact]
    public async Task SellersPhone_TapsAcceptOnce_AndIsInTheCall()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        var callId = await CallDowntownAsync();
        var phone = await PhoneAsync();

        await phone.GotoAsync($"r/{await _app.Data.LinkTokenAsync(callId, TestData.Seller1)}");
        await Assertions.Expect(phone.Locator("[data-testid=accept-link-confirm]")).ToContainTextAsync("Clara Kunde is waiting at Downtown.");
        Assert.Equal(CallState.Ringing, (await _app.Data.CallAsync(callId)).State); // looking is not accepting
        await phone.TapAsync("[data-testid=accept-link-accept]");

        await phone.WaitForURLAsync(new Regex("/r/call$"));
        await Assertions.Expect(phone.Locator($"[data-testid=call-host][data-call-id='{callId}']")).ToBeAttachedAsync();
        var call = await _app.Data.CallAsync(callId);
        Assert.Equal((CallState.Waiting, (await _app.Data.ScopeOfAsync(TestData.Seller1)).UserId), (call.State, call.AcceptedByUserId));
    }

    [Fact]
    public async Task SellersOwnSignedInBrowser_AcceptsWithoutAClick_IntoTheStaffCallPage()
    {
        var dashboard = await DashboardAsync(TestData.Seller1);
        var callId = await CallDowntownAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);

        var link = await dashboard.Context.NewPageAsync();
        await link.GotoAsync($"r/{token}");

        await link.WaitForURLAsync(new Regex($"/call/{callId}$"));
        Assert.Equal((await _app.Data.ScopeOfAsync(TestData.Seller1)).UserId, (await _app.Data.CallAsync(callId)).AcceptedByUserId);
    }

    [Fact]
    public async Task AwayForToday_StopsThisRingAndTheNext_UntilImAvailable()
    {
        var dashboard = await DashboardAsync(TestData.Seller1);
        await _app.Data.OpenDashboardAsync(TestData.Seller2);
        var callId = await CallDowntownAsync();
        await Assertions.Expect(ToastOf(dashboard, callId)).ToBeVisibleAsync();
        var phone = await PhoneAsync();
        await phone.GotoAsync($"r/{await _app.Data.LinkTokenAsync(callId, TestData.Seller1)}");

        await phone.TapAsync("[data-testid=accept-link-set-away]");

        await Assertions.Expect(phone.Locator("[data-testid=accept-link-away] h1")).ToHaveTextAsync("You are away for today");
        await Assertions.Expect(phone.Locator("[data-testid=accept-link-away] p").First).ToHaveTextAsync("Calls no longer reach you until you are available again.");
        Assert.Equal(SellerStatus.Away, await StatusAsync(TestData.Seller1));
        await Assertions.Expect(ToastOf(dashboard, callId)).ToHaveCountAsync(0);
        await Assertions.Expect(dashboard.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Away");
        Assert.Equal(CallState.Ringing, (await _app.Data.CallAsync(callId)).State); // it rings on for seller 2
        var next = await CallDowntownAsync("Bernd Kunde");
        Assert.False(await RingsAsync(next, TestData.Seller1));
        Assert.True(await RingsAsync(next, TestData.Seller2));

        await phone.TapAsync("[data-testid=accept-link-set-available]");

        await Assertions.Expect(phone.Locator("[data-testid=accept-link-available]")).ToBeVisibleAsync();
        Assert.Equal(SellerStatus.Available, await StatusAsync(TestData.Seller1));
        await Assertions.Expect(dashboard.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Available");
        var third = await CallDowntownAsync("Carla Kunde");
        Assert.True(await RingsAsync(third, TestData.Seller1));
        await Assertions.Expect(ToastOf(dashboard, third)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Screenshots_RingingAwayAndAvailable_PhoneAndDesktop_EnglishAndGerman()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        await _app.Data.OpenDashboardAsync(TestData.Seller2);
        foreach (var (language, size, width, height) in new[] { ("en", "phone", 390, 844), ("de", "phone", 390, 844), ("en", "desktop", 1280, 800), ("de", "desktop", 1280, 800) })
        {
            var name = $"{language}-{size}";
            var callId = await CallDowntownAsync("Maximilian Mustermann-Schönberger");
            var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
            var page = await NewPageAsync(chromium.Browser, _app.BaseAddress, language == "de" ? "de-DE" : "en-US", width, height);

            await page.GotoAsync($"culture/set?culture={language}&redirectUri=%2Fr%2F{token}%3Faway%3D1");
            await Assertions.Expect(page.Locator("[data-testid=accept-link-confirm][data-focus=away]")).ToBeVisibleAsync();
            await ShotAsync(page, $"accept-link-away-focus-{name}");
            await page.GotoAsync($"r/{token}");
            await Assertions.Expect(page.Locator("[data-testid=accept-link-accept]")).ToHaveTextAsync(language == "de" ? "Annehmen" : "Accept");
            await ShotAsync(page, $"accept-link-ringing-{name}");

            await page.ClickAsync("[data-testid=accept-link-set-away]");
            await Assertions.Expect(page.Locator("[data-testid=accept-link-set-available]")).ToHaveTextAsync(language == "de" ? "Ich bin verfügbar" : "I'm available");
            await ShotAsync(page, $"accept-link-away-{name}");
            await page.ClickAsync("[data-testid=accept-link-set-available]");
            await Assertions.Expect(page.Locator("[data-testid=accept-link-available]")).ToBeVisibleAsync();
            await ShotAsync(page, $"accept-link-available-{name}");

            await _app.Get<IncomingCallService>().CancelAsync(callId, default);
            await page.GotoAsync($"r/{token}");
            await Assertions.Expect(page.Locator("[data-testid=accept-link-missed]")).ToBeVisibleAsync();
            await ShotAsync(page, $"accept-link-missed-{name}");
            await page.Context.CloseAsync();
        }
    }

    private async Task ShotAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, new() { Path = ChromiumFixture.ScreenshotPath(name) });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, name, output);
    }
}
