using System.Text.RegularExpressions;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The hand-over in Chromium on the real app (real clock): seller 1 accepts and never opens the call; after Downtown's
/// accept deadline (3 s here) seller 2's dashboard rings again saying so, the customer, waiting in the call, reads
/// "Connecting you to another seller…" without a reload, and seller 2 accepts and is in a real video call with them.
/// </summary>
public sealed class HandoverBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private const string Toast = "[data-testid=ring-toast]";
    private static readonly TimeSpan ShortDeadline = TimeSpan.FromSeconds(3);
    private readonly LiveCallAppFactory _app = new();

    /// <summary>Rings last 30 minutes (a busy machine must not let one time out mid-test); the winner has 3 s to join.</summary>
    public async Task InitializeAsync()
    {
        await using var db = await _app.DbAsync();
        await db.Locations.Where(l => l.Slug == "downtown")
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromMinutes(30)).SetProperty(l => l.AcceptDeadline, ShortDeadline));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>From here on a seller who accepts has all the time a slow machine needs: the call is not handed over twice.</summary>
    private async Task LongDeadlineAsync() => await _app.Data.SetAcceptDeadlineAsync("downtown", TimeSpan.FromMinutes(10));

    private async Task<Guid> IncomingCallIdAsync(string customerName)
    {
        await using var db = await _app.DbAsync();
        return await db.CallParticipants.Where(p => p.Kind == ParticipantKind.Customer && p.DisplayName == customerName)
            .Join(db.Calls, p => p.CallId, c => c.Id, (p, c) => c).OrderByDescending(c => c.CreatedUtc).Select(c => c.Id).FirstAsync();
    }

    /// <summary>
    /// How many call clients the page started (window.__callClients: call-page.js sets window.liveCall once per client) and
    /// every status the call screen showed (window.__callStatuses): one client joins once and never has to reconnect.
    /// </summary>
    private const string RecordCallClients = """
        (() => {
          let current;
          window.__callClients = 0;
          Object.defineProperty(window, 'liveCall', { configurable: true, get: () => current, set: v => { current = v; window.__callClients++; } });
          document.addEventListener('DOMContentLoaded', () => {
            const root = document.querySelector('[data-call-root]');
            if (!root) return;
            window.__callStatuses = [];
            new MutationObserver(() => window.__callStatuses.push(root.dataset.status)).observe(root, { attributes: true, attributeFilter: ['data-status'] });
          });
        })();
        """;

    /// <summary>A customer at Downtown presses "Start video call"; seller 1 accepts it somewhere else and never opens it.</summary>
    private async Task<(CustomerPageDriver Customer, Guid CallId)> CallAcceptedByANoShowAsync(string locale = "en-US", int width = 1280, int height = 860,
        bool phone = false)
    {
        var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, _app.BaseAddress, locale, width, height, phone, output.WriteLine);
        await customer.Context.AddInitScriptAsync(RecordCallClients);
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde");
        await customer.StartAsync();
        await Assertions.Expect(customer.TestId("customer-waiting")).ToBeVisibleAsync();
        var callId = await IncomingCallIdAsync("Clara Kunde");
        await _app.Data.AcceptAsync(callId, TestData.Seller1);
        await customer.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/call/live");
        await Assertions.Expect(customer.Page.Locator("[data-call-root][data-status=joined]")).ToBeAttachedAsync();
        return (customer, callId);
    }

    [Fact]
    public async Task WinnerNeverJoins_TheOtherSellerRingsAgain_AcceptsAndConnectsWithTheCustomer_WhoSawTheHandOver()
    {
        await using var seller2 = await CallsPageDriver.LoginAsync(chromium.Browser, _app.BaseAddress, TestData.Seller2, LiveCallAppFactory.DemoPassword, "/");
        await seller2.Page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        var (customer, callId) = await CallAcceptedByANoShowAsync();
        await using var customerContext = customer;
        var toast = seller2.Page.Locator($"{Toast}[data-call='{callId}']");
        await customer.Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // After the deadline: seller 2's toast rings again and says why; the customer, still in the call, is told.
        await Assertions.Expect(toast.Locator("[data-testid=ring-again]")).ToHaveTextAsync("Ringing again: Sam Seller did not join", new() { Timeout = 20_000 });
        await LongDeadlineAsync();
        await Assertions.Expect(toast).ToHaveAttributeAsync("data-state", "Ringing");
        await Assertions.Expect(customer.TestId("call-waiting")).ToHaveTextAsync("Connecting you to another seller…");
        await Assertions.Expect(customer.TestId("call-status")).ToHaveTextAsync("Connecting you to another seller…");

        await toast.Locator("[data-testid=ring-accept]").ClickAsync();
        await seller2.Page.WaitForURLAsync(new Regex($"/call/{callId}$"));
        var customerCall = CallsPageDriver.Wrap(customer.Page, "customer");
        await Task.WhenAll(seller2.WaitConnectedAsync(1), customerCall.WaitConnectedAsync(1));
        await Task.WhenAll(seller2.WaitRemoteVideoPlayingAsync(1), customerCall.WaitRemoteVideoPlayingAsync(1));
        await Assertions.Expect(customer.TestId("call-waiting")).ToHaveCountAsync(0);
        Assert.True(await customer.Page.EvaluateAsync<bool>("() => window.__sameDocument === true")); // the same page all along: no reload
        Assert.Equal(1, await customer.Page.EvaluateAsync<int>("() => window.__callClients"));
        var statuses = await customer.Page.EvaluateAsync<string[]>("() => window.__callStatuses");
        Assert.DoesNotContain("reconnecting", statuses);
        Assert.DoesNotContain("refused", statuses);

        var call = await _app.Data.CallAsync(callId);
        var (sam, sophie) = ((await _app.Data.ScopeOfAsync(TestData.Seller1)).UserId, (await _app.Data.ScopeOfAsync(TestData.Seller2)).UserId);
        Assert.Equal((CallState.Connected, sophie), (call.State, call.AcceptedByUserId));
        Assert.DoesNotContain(call.Participants, p => p.UserId == sam);
    }

    [Fact]
    public async Task WinnerNeverJoins_AndNobodyElseIsOnDuty_TheCustomerGetsTheCallbackForm_FilledIn()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1); // the only seller on duty
        var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, _app.BaseAddress, log: output.WriteLine);
        await using var customerContext = customer;
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde", phone: "0151 23456789");
        await customer.StartAsync();
        await Assertions.Expect(customer.TestId("customer-sellers")).ToHaveTextAsync("1 seller is being notified");
        var callId = await IncomingCallIdAsync("Clara Kunde");
        await _app.Data.AcceptAsync(callId, TestData.Seller1);
        await customer.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/call/live");

        await Assertions.Expect(customer.TestId("customer-callback")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Equal("/call/demo-motors/downtown", new Uri(customer.Page.Url).AbsolutePath);
        Assert.Equal(("Clara Kunde", "+4915123456789"), (await customer.Page.InputValueAsync("#callback-name"), await customer.Page.InputValueAsync("#callback-phone")));
        Assert.Equal(CallState.Unanswered, (await _app.Data.CallAsync(callId)).State);
        await customer.ClickAsync("callback-send");
        await Assertions.Expect(customer.TestId("customer-thanks")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Screenshots_CustomerHandOverAndRingingAgainToast_EnglishAndGerman_PhoneAndDesktop()
    {
        var views = new (string Name, string Locale, int Width, int Height, bool Phone)[]
        {
            ("en-desktop", "en-US", 1280, 860, false), ("en-phone", "en-US", 390, 844, true),
            ("de-desktop", "de-DE", 1280, 860, false), ("de-phone", "de-DE", 390, 844, true),
        };
        await _app.Data.OpenDashboardAsync(TestData.Seller2); // on duty: the hand-over has someone to ring

        foreach (var view in views)
        {
            var (customer, _) = await CallAcceptedByANoShowAsync(view.Locale, view.Width, view.Height, view.Phone);
            await using var customerContext = customer;
            var page = customer.Page;
            var text = view.Locale.StartsWith("de") ? "Wir verbinden Sie mit einem anderen Verkäufer…" : "Connecting you to another seller…";
            await Assertions.Expect(customer.TestId("call-waiting")).ToHaveTextAsync(text, new() { Timeout = 20_000 });
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"handover-customer-call-{view.Name}") });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"handover-customer-call-{view.Name}", output);

            // Back on the location page (a reload there) the waiting screen says the same.
            await customer.GotoAsync();
            await Assertions.Expect(customer.TestId("customer-handover")).ToHaveTextAsync(text);
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"handover-customer-waiting-{view.Name}"), FullPage = true });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"handover-customer-waiting-{view.Name}", output);
            await customer.ClickAsync("customer-cancel"); // ends that ring before the next customer calls
            await Assertions.Expect(customer.TestId("customer-cancelled")).ToBeVisibleAsync();
        }

        var sellers = new List<(string Name, IPage Page)>();
        foreach (var view in views)
        {
            var page = await NewPageAsync(chromium.Browser, _app.BaseAddress, view.Locale, view.Width, view.Height);
            await LoginAsync(page, TestData.Seller2, LiveCallAppFactory.DemoPassword);
            await page.GotoAsync($"culture/set?culture={view.Locale[..2]}&redirectUri=%2F");
            await WaitInteractiveAsync(page);
            await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
            sellers.Add((view.Name, page));
        }
        var start = await _app.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "downtown", "Maximilian Mustermann-Schönberger", default);
        await _app.Data.AcceptAsync(start.CallId!.Value, TestData.Seller1);
        foreach (var (name, page) in sellers)
        {
            var again = name.StartsWith("de") ? "Klingelt erneut: Sam Seller ist nicht beigetreten" : "Ringing again: Sam Seller did not join";
            await Assertions.Expect(page.Locator($"{Toast} [data-testid=ring-again]")).ToHaveTextAsync(again, new() { Timeout = 20_000 });
            await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath($"handover-ring-again-{name}") });
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"handover-ring-again-{name}", output);
        }
        foreach (var (_, page) in sellers) await page.Context.DisposeAsync();
    }
}
