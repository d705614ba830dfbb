using System.Text.RegularExpressions;
using LiveCall.Core.Calls.Incoming;

using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Components;

/// <summary>The app for <see cref="AccessibilityTests"/>: one host for the class, with a callback request waiting on the dashboard.</summary>
public sealed class AccessibilityApp : IAsyncLifetime
{
    public LiveCallAppFactory App { get; } = new LiveCallAppFactory(); // the factory raises the customer page's per-IP limits for every test

    public Task<LiveCallDbContext> DbAsync() => App.DbAsync();

    public async Task InitializeAsync()
    {
        _ = App.BaseAddress;
        await using var db = await DbAsync();
        // The ring must not time out while the checks run on a slow machine.
        await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromMinutes(30)));
        await App.Get<CallbackService>().CreateAsync("demo-motors", "downtown",
            new CustomerContactInput("Max Mustermann", "0151 23456789", "max@example.com", "Interested in the blue estate car, please call after 5 pm."),
            null, default);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// axe (WCAG 2.1 A/AA) over every page the browser tests visit, staff and public, in English and German, desktop and phone,
/// in the states that matter (menus open, a call ringing, form errors shown). Serious and critical findings fail the test;
/// moderate ones are written to the output and explained in docs/accessibility.md. Each page is also photographed to
/// artifacts/screenshots/a11y/.
/// </summary>
public sealed partial class AccessibilityTests(ChromiumFixture chromium, AccessibilityApp fixture, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>, IClassFixture<AccessibilityApp>, IAsyncLifetime
{
    private const int PhoneWidth = 390, PhoneHeight = 844;
    private readonly List<AxeFinding> _findings = [];
    private readonly List<IBrowserContext> _contexts = [];
    private LiveCallAppFactory App => fixture.App;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes this test's pages: a seller left on a dashboard or in a call would change what the next test sees.</summary>
    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }

    private async Task<IPage> PageAsync(string language, int width = 1280, int height = 860, bool camera = false)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = language == "de" ? "de-DE" : "en-US",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = camera ? ["camera", "microphone"] : [],
        });
        context.SetDefaultTimeout(20_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
        return page;
    }

    private async Task<IPage> StaffAsync(string email, string language, int width = 1280, int height = 860)
    {
        var page = await PageAsync(language, width, height, camera: true);
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", LiveCallAppFactory.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>
    /// The German walk runs axe on these pages (prefixes) only: its markup and colours are the English walk's, so axe
    /// is repeated where the words change what axe reads (link, button and label names, errors, every customer and guest
    /// page, the menus, the forms). Every German page is still photographed.
    /// </summary>
    private static readonly string[] GermanAxe =
    [
        "login", "customer-", "guest-", "accept-link-", "dashboard-seller-de", "dashboard-ringing", "dashboard-presence",
        "dashboard-menu-de-phone", "followup-", "call-muted-chat", "dashboard-admin-menu-de-phone", "user-new-errors", "location-edit-de-phone",
    ];

    /// <summary>Runs axe on the page as it is and keeps what it found; a screenshot goes beside it.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        var german = name.Contains("-de", StringComparison.Ordinal);
        var findings = german && !GermanAxe.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))
            ? [] : await AxeCheck.RunAsync(page, name, output);
        _findings.AddRange(findings);
        foreach (var finding in findings.Where(f => f.IsSerious)) output.WriteLine("axe " + finding);
        var path = ChromiumFixture.ScreenshotPath(Path.Combine("a11y", name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"checked {name}: {Summary(findings)}");
    }

    private static string Summary(IEnumerable<AxeFinding> findings)
    {
        var byImpact = findings.GroupBy(f => f.Impact).Select(g => $"{g.Key} {g.Sum(f => f.Nodes.Count)}").ToList();
        return byImpact.Count == 0 ? "clean" : string.Join(", ", byImpact);
    }

    private void AssertNoSerious()
    {
        output.WriteLine($"all pages: {Summary(_findings)}");
        var serious = _findings.Where(f => f.IsSerious).ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Sum(f => f.Nodes.Count)} serious or critical violations:\n" + string.Join("\n", serious));
    }

    private static async Task GotoStaffPageAsync(IPage page, string path)
    {
        await GotoInteractiveAsync(page, path);
        await page.WaitForSelectorAsync("h1");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task OpenHoverMenuAsync(IPage page)
    {
        await page.HoverAsync("[data-testid=hover-menu-button]");
        await page.WaitForSelectorAsync("[data-testid=menu-calls]");
    }

    /// <summary>
    /// Moves the mouse off a hover menu (it closes by itself), and clicks beside a clicked-open one (on its overlay), as a
    /// person would: in the bottom-left corner, where no menu opens.
    /// </summary>
    private static async Task CloseMenusAsync(IPage page)
    {
        var corner = (X: 2, Y: page.ViewportSize!.Height - 2);
        await page.Mouse.MoveAsync(corner.X, corner.Y);
        var open = page.Locator(".mud-popover-open");
        try
        {
            await Assertions.Expect(open).ToHaveCountAsync(0, new() { Timeout = 1_500 });
        }
        catch (PlaywrightException)
        {
            await page.Mouse.ClickAsync(corner.X, corner.Y);
            await Assertions.Expect(open).ToHaveCountAsync(0);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task PublicPages(string language)
    {
        var page = await PageAsync(language);
        await CheckAsync(page, $"login-{language}");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync(".lc-field-error");
        await CheckAsync(page, $"login-errors-{language}");
        await page.GotoAsync("account/forgot-password");
        await CheckAsync(page, $"forgot-password-{language}");
        await page.GotoAsync(await ResetLinkAsync());
        await page.FillAsync("[data-testid=new-password]", "harbour7");
        await CheckAsync(page, $"reset-password-{language}");
        await page.GotoAsync("account/activate?user=x&token=y");
        await page.WaitForSelectorAsync("[data-testid=link-invalid]");
        await CheckAsync(page, $"activate-invalid-{language}");

        // The customer's page: entry, its errors, then (Airport has no sellers) the callback form and the thanks.
        foreach (var (width, height, size) in new[] { (1280, 860, "desktop"), (PhoneWidth, PhoneHeight, "phone") })
        {
            var customer = await PageAsync(language, width, height, camera: true);
            await customer.GotoAsync("call/demo-motors/downtown");
            await Assertions.Expect(customer.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
            await CheckAsync(customer, $"customer-entry-{language}-{size}");
            await customer.ClickAsync("[data-testid=customer-start]");
            await Assertions.Expect(customer.Locator("[data-error-for=privacy]").First).Not.ToBeEmptyAsync();
            await CheckAsync(customer, $"customer-entry-errors-{language}-{size}");
            await customer.Context.DisposeAsync();
        }
        var callback = await PageAsync(language, camera: true);
        await callback.GotoAsync("call/demo-motors/airport");
        if (await callback.Locator("[data-testid=customer-start]").IsVisibleAsync())
        {
            await callback.FillAsync("#customer-name", "Clara Kunde");
            await callback.FillAsync("#customer-email", "clara@example.com");
            await callback.CheckAsync("[data-testid=customer-privacy]");
            await callback.ClickAsync("[data-testid=customer-start]");
        }
        await Assertions.Expect(callback.Locator("[data-testid=customer-callback]")).ToBeVisibleAsync();
        await CheckAsync(callback, $"customer-callback-{language}");
        await callback.FillAsync("#callback-name", "Clara Kunde");
        await callback.FillAsync("#callback-email", "clara@example.com");
        if (!await callback.IsCheckedAsync("[data-testid=callback-privacy]")) await callback.CheckAsync("[data-testid=callback-privacy]");
        await callback.ClickAsync("[data-testid=callback-send]");
        await Assertions.Expect(callback.Locator("[data-testid=customer-thanks]")).ToBeVisibleAsync();
        await CheckAsync(callback, $"customer-thanks-{language}");
        await callback.GotoAsync("call/demo-motors/nowhere");
        await callback.WaitForSelectorAsync("[data-testid=customer-not-found]");
        await CheckAsync(callback, $"customer-not-found-{language}");

        // A guest's link: the pre-join page, and the friendly page for a wrong link.
        var call = await App.Data.StartFollowUpAsync();
        var invitation = await App.Data.InviteGuestAsync(call.Id);
        var guest = await PageAsync(language, camera: true);
        await guest.GotoAsync($"j/{invitation.Token}");
        await Assertions.Expect(guest.Locator("[data-testid=guest-preview-status][data-state=ok]")).ToBeVisibleAsync();
        await CheckAsync(guest, $"guest-prejoin-{language}");
        await guest.GotoAsync("j/no-such-link");
        await guest.WaitForSelectorAsync("[data-testid=guest-link-invalid]");
        await CheckAsync(guest, $"guest-invalid-{language}");

        // A seller's accept link: confirm (nobody signed in: nothing submits it by itself), answered by someone else, invalid.
        var presence = fixture.App.Get<PresenceService>();
        var circuits = new[] { (Guid.NewGuid().ToString(), TestData.Seller1), (Guid.NewGuid().ToString(), TestData.Seller2) };
        foreach (var (circuit, email) in circuits) await presence.OpenAsync(circuit, "a11y-test", await App.Data.ScopeOfAsync(email), default);
        var ring = await fixture.App.Get<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        foreach (var (circuit, _) in circuits) await presence.CloseAsync(circuit, default);
        var callId = ring.CallId!.Value;
        var seller1 = await App.Data.ScopeOfAsync(TestData.Seller1);
        var token = await fixture.App.Get<RingAcceptLinks>().MintAsync(callId, seller1.UserId, DateTime.UtcNow.AddMinutes(10), default);
        var accept = await PageAsync(language, 420, 760);
        await accept.GotoAsync($"r/{token}");
        await accept.WaitForSelectorAsync("[data-testid=accept-link-confirm]");
        await CheckAsync(accept, $"accept-link-confirm-{language}");
        await fixture.App.Get<IncomingCallService>().AcceptAsync(callId, await App.Data.ScopeOfAsync(TestData.Seller2), default);
        await accept.ReloadAsync();
        await accept.WaitForSelectorAsync("[data-testid=accept-link-answered]");
        await CheckAsync(accept, $"accept-link-answered-{language}");
        await accept.GotoAsync("r/no-such-link");
        await accept.WaitForSelectorAsync("[data-testid=accept-link-invalid]");
        await CheckAsync(accept, $"accept-link-invalid-{language}");

        AssertNoSerious();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task SellerPages(string language)
    {
        var seller = await StaffAsync(TestData.Seller1, language);
        await seller.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        await seller.WaitForSelectorAsync("[data-testid=missed-item]");
        await CheckAsync(seller, $"dashboard-seller-{language}");

        // A customer calls: the seller's dashboard rings and the customer waits.
        var customer = await PageAsync(language, camera: true);
        await customer.GotoAsync("call/demo-motors/downtown");
        await Assertions.Expect(customer.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
        await customer.FillAsync("#customer-name", "Clara Kunde");
        await customer.CheckAsync("[data-testid=customer-privacy]");
        await customer.ClickAsync("[data-testid=customer-start]");
        await Assertions.Expect(customer.Locator("[data-testid=customer-waiting]")).ToBeVisibleAsync();
        await Assertions.Expect(seller.Locator("[data-testid=ring-toast] [data-testid=ring-accept]").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await CheckAsync(customer, $"customer-waiting-{language}");
        await CheckAsync(seller, $"dashboard-ringing-{language}");
        await OpenHoverMenuAsync(seller);
        await CheckAsync(seller, $"dashboard-menu-{language}");
        await CloseMenusAsync(seller);
        await seller.ClickAsync("[data-testid=presence-chip]");
        await seller.WaitForSelectorAsync("[data-testid=presence-away]");
        await CheckAsync(seller, $"dashboard-presence-{language}");
        await CloseMenusAsync(seller);

        // Another seller answers: "Answered by" on this dashboard (for a few seconds), the customer in the call, then ended.
        var callId = Guid.Parse((await seller.GetAttributeAsync("[data-testid=ring-toast]", "data-call"))!);
        await fixture.App.Get<IncomingCallService>().AcceptAsync(callId, await App.Data.ScopeOfAsync(TestData.Seller2), default);
        await Assertions.Expect(seller.Locator("[data-testid=ring-answered]")).ToBeVisibleAsync();
        await CheckAsync(seller, $"dashboard-answered-{language}");
        await Assertions.Expect(customer.Locator("[data-call-root][data-status=joined]")).ToBeAttachedAsync();
        await CheckAsync(customer, $"customer-call-{language}");
        await customer.ClickAsync("[data-testid=call-hangup]");
        await customer.ClickAsync("[data-testid=call-notice] a");
        await customer.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/call/ended");
        await CheckAsync(customer, $"customer-ended-{language}");
        await Assertions.Expect(seller.Locator("[data-testid=ring-toast]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        await GotoStaffPageAsync(seller, "followup");
        await seller.ClickAsync("button[data-testid=followup-add]");
        await seller.Locator("input[data-testid=followup-name]").First.FillAsync("Max Mustermann");
        await seller.Locator("input[data-testid=followup-contact]").First.FillAsync("12");
        await seller.Locator("input[data-testid=followup-contact]").First.PressAsync("Tab");
        await seller.WaitForSelectorAsync(".mud-input-error");
        await CheckAsync(seller, $"followup-errors-{language}");
        await GotoStaffPageAsync(seller, "calls");
        await seller.WaitForSelectorAsync("[data-testid=calls-table]");
        await CheckAsync(seller, $"calls-seller-{language}");
        await GotoStaffPageAsync(seller, "call/test");
        await CheckAsync(seller, $"call-test-{language}");
        var call = await App.Data.StartFollowUpAsync();
        await seller.GotoAsync($"call/{call.Id}");
        await CallsPageDriver.Wrap(seller, "seller").WaitJoinedAsync();
        await CheckAsync(seller, $"call-alone-{language}");
        await seller.ClickAsync("[data-testid=call-mute]");
        await seller.ClickAsync("[data-testid=call-chat]");
        await seller.WaitForSelectorAsync("[data-testid=chat-input]");
        await CheckAsync(seller, $"call-muted-chat-{language}");
        await seller.ClickAsync("[data-testid=call-hangup]");
        await Assertions.Expect(seller.Locator("[data-testid=call-notice]")).ToBeVisibleAsync();

        // The phone: the menu button without its label, the presence chip without its text.
        var phone = await StaffAsync(TestData.Seller2, language, PhoneWidth, PhoneHeight);
        await phone.WaitForSelectorAsync("[data-testid=missed-item]");
        await CheckAsync(phone, $"dashboard-seller-{language}-phone");
        await OpenHoverMenuAsync(phone);
        await CheckAsync(phone, $"dashboard-menu-{language}-phone");
        await CloseMenusAsync(phone);
        await GotoStaffPageAsync(phone, "followup");
        await CheckAsync(phone, $"followup-{language}-phone");
        var phoneCall = await App.Data.StartFollowUpAsync(); // the first ended when the seller hung up
        await phone.GotoAsync($"call/{phoneCall.Id}");
        await CallsPageDriver.Wrap(phone, "seller on a phone").WaitJoinedAsync();
        await CheckAsync(phone, $"call-alone-{language}-phone");
        await phone.ClickAsync("[data-testid=call-hangup]");
        await Assertions.Expect(phone.Locator("[data-testid=call-notice]")).ToBeVisibleAsync();

        AssertNoSerious();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task AdminPages(string language)
    {
        var admin = await StaffAsync(TestData.DealerAdmin, language);
        await admin.WaitForSelectorAsync("[data-testid=call-statistics]");
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync(admin, $"dashboard-admin-{language}");
        await OpenHoverMenuAsync(admin);
        await CheckAsync(admin, $"dashboard-admin-menu-{language}");
        await CloseMenusAsync(admin);

        Guid downtown;
        string sellerId;
        await using (var db = await fixture.DbAsync())
        {
            downtown = await db.Locations.Where(l => l.Slug == "downtown").Select(l => l.Id).SingleAsync();
            sellerId = await db.Users.Where(u => u.Email == TestData.Seller1).Select(u => u.Id).SingleAsync();
        }
        foreach (var (path, name) in new[]
                 {
                     ("admin/users", "users"), ($"admin/users/{sellerId}", "user-edit"), ("admin/users/new", "user-new"),
                     ("admin/locations", "locations"), ($"admin/locations/{downtown}", "location-edit"), ("admin/locations/new", "location-new"),
                     ("admin/branding", "branding"), ("outbox", "outbox"), ("calls", "calls-admin"),
                 })
        {
            await GotoStaffPageAsync(admin, path);
            await CheckAsync(admin, $"{name}-{language}");
        }
        await GotoStaffPageAsync(admin, "admin/users/new");
        await FillFieldAsync(admin, "user-email", "not an address");
        await FillFieldAsync(admin, "user-mobile", "12");
        await admin.WaitForSelectorAsync(".mud-input-error");
        await CheckAsync(admin, $"user-new-errors-{language}");

        var platform = await StaffAsync("admin@livecall.demo", language);
        await platform.WaitForSelectorAsync("[data-testid=dashboard-tiles]");
        await CheckAsync(platform, $"dashboard-platform-{language}");
        await GotoStaffPageAsync(platform, "admin/dealers");
        await CheckAsync(platform, $"dealers-{language}");
        var dealerLink = await platform.Locator("[data-testid=dealers-table] a").First.GetAttributeAsync("href");
        await GotoStaffPageAsync(platform, dealerLink!.TrimStart('/'));
        await CheckAsync(platform, $"dealer-edit-{language}");

        var phone = await StaffAsync(TestData.DealerAdmin, language, PhoneWidth, PhoneHeight);
        await phone.WaitForSelectorAsync("[data-testid=call-statistics]");
        await OpenHoverMenuAsync(phone);
        await CheckAsync(phone, $"dashboard-admin-menu-{language}-phone");
        await CloseMenusAsync(phone);
        await GotoStaffPageAsync(phone, "admin/users");
        await CheckAsync(phone, $"users-{language}-phone");
        await GotoStaffPageAsync(phone, $"admin/locations/{downtown}");
        await CheckAsync(phone, $"location-edit-{language}-phone");

        AssertNoSerious();
    }

    /// <summary>
    /// The app bar's menus after the nested-button fix: one tab stop each, opened by mouse-over (the main menu), click,
    /// keyboard and touch, and a tapped item navigates.
    /// </summary>
    [Fact]
    public async Task AppBarMenus_OpenByMouseOverClickKeyboardAndTouch()
    {
        const string mainMenu = ".mud-menu-activator:has([data-testid=hover-menu-button])";
        const string presence = ".mud-menu-activator:has([data-testid=presence-chip])";
        var page = await StaffAsync(TestData.Seller1, "en");
        await page.WaitForSelectorAsync("[data-testid=presence-chip]");
        var items = page.Locator("[data-testid=menu-calls]");

        await page.HoverAsync("[data-testid=hover-menu-button]");
        await Assertions.Expect(items).ToBeVisibleAsync();
        await CloseMenusAsync(page);
        await Assertions.Expect(items).ToHaveCountAsync(0);

        // Keyboard: the activator is the one tab stop (Tab goes on to the language switch); Enter opens the menu with the
        // focus on its first item, arrows move, Escape closes and gives the focus back to the menu's button.
        await page.FocusAsync(mainMenu);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("lang-en", await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid"));
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.Locator(mainMenu)).ToBeFocusedAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath(Path.Combine("a11y", "menu-keyboard-focus-en")), Clip = new() { X = 0, Y = 0, Width = 1280, Height = 64 } });
        await page.FocusAsync(mainMenu);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=menu-dashboard]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("[data-testid=menu-followup]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(items).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(mainMenu)).ToBeFocusedAsync();
        await page.FocusAsync(presence);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=presence-away]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=presence-away]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(presence)).ToBeFocusedAsync();

        // Click.
        await page.ClickAsync("[data-testid=presence-chip]");
        await Assertions.Expect(page.Locator("[data-testid=presence-away]")).ToBeVisibleAsync();
        await CloseMenusAsync(page);

        // Touch (a phone): a tap opens the main menu and a tap on an item goes there.
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = PhoneWidth, Height = PhoneHeight }, HasTouch = true, IsMobile = true,
        });
        _contexts.Add(context);
        var phone = await context.NewPageAsync();
        await LoginAsync(phone, TestData.Seller2, LiveCallAppFactory.DemoPassword);
        await phone.TapAsync("[data-testid=hover-menu-button]");
        await Assertions.Expect(phone.Locator("[data-testid=menu-calls]")).ToBeVisibleAsync();
        await phone.TapAsync("[data-testid=menu-calls]");
        await phone.WaitForURLAsync("**/calls");
        await WaitInteractiveAsync(phone);
        await phone.TapAsync("[data-testid=presence-chip]");
        await Assertions.Expect(phone.Locator("[data-testid=presence-away]")).ToBeVisibleAsync();
    }

    /// <summary>A password reset link for seller2, from the outbox (asked for once: the app sends one per user every few minutes).</summary>
    private async Task<string> ResetLinkAsync()
    {
        await using var db = await fixture.DbAsync();
        var existing = await FindResetLinkAsync(db);
        if (existing is not null) return existing;
        await fixture.App.Get<AccountService>().RequestPasswordResetAsync(TestData.Seller2, App.BaseAddress, default);
        return await FindResetLinkAsync(db) ?? throw new InvalidOperationException("No reset link in the outbox");
    }

    private static async Task<string?> FindResetLinkAsync(LiveCallDbContext db)
    {
        var bodies = await db.Outbox.AsNoTracking().Where(m => m.Recipient == TestData.Seller2 && m.Channel == OutboxChannel.Email)
            .Select(m => m.TextBody).ToListAsync();
        return bodies.Select(b => ResetLinkPattern().Match(b)).FirstOrDefault(m => m.Success)?.Value;
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLinkPattern();
}
