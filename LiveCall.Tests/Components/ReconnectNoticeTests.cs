using LiveCall.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Components;

/// <summary>
/// The notice a seller sees while the dashboard's circuit reconnects, in Chromium: the network to the app is cut (every
/// connection reset) and stays silent (new connections stall), so the notice stays up. It speaks the seller's language,
/// passes axe (its text and button are opaque and in contrast from the first frame: a fade once read as grey on white),
/// fits a phone, and goes away by itself when the network returns, the dashboard live again.
/// </summary>
public sealed class ReconnectNoticeTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;
    private TcpStallProxy _network = default!;
    private readonly Dictionary<IPage, int> _loads = [];

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory();
        _network = new TcpStallProxy(_app.BaseAddress.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _network.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ReconnectNotice_SpeaksTheSellersLanguage_PassesAxe_AndGoesAwayWhenTheNetworkReturns()
    {
        var english = await DashboardAsync("en", TestData.Seller1, 1280, 860);
        var german = await DashboardAsync("de", TestData.Seller2, 390, 844);

        _network.Stall();
        _network.CutAll();

        await ShowsAsync(english, "Reconnecting to LiveCall…", "reconnect-en");
        await ShowsAsync(german, "Verbindung zu LiveCall wird wiederhergestellt …", "reconnect-de-phone");
        var box = await german.Locator("[data-testid=reconnect-modal]").BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 390, $"the notice fits the phone: {box?.X} + {box?.Width}");

        _network.Resume();
        foreach (var page in new[] { english, german })
        {
            await Assertions.Expect(page.Locator("[data-testid=reconnect-modal]")).Not.ToBeVisibleAsync(new() { Timeout = 60_000 });
            // The same circuit came back: a reload here would mean the server had lost it (see the states in the output).
            Assert.Equal(2, _loads[page]); // the login page and the dashboard
            await page.Locator("[data-testid=presence-chip]").ClickAsync(); // the circuit answers again
            await page.WaitForSelectorAsync("[data-testid=presence-away]");
            await page.Keyboard.PressAsync("Escape");
        }
    }

    private async Task<IPage> DashboardAsync(string language, string email, int width, int height)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _network.BaseAddress.ToString(),
            Locale = language == "de" ? "de-DE" : "en-US",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(StateLog);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => output.WriteLine($"[{language}] {m.Type}: {m.Text}");
        page.FrameNavigated += (_, f) => { if (f == page.MainFrame) output.WriteLine($"[{language}] navigated to {f.Url}"); };
        page.Load += (_, _) => _loads[page] = _loads.GetValueOrDefault(page) + 1;
        await page.GotoAsync($"culture/set?culture={language}&redirectUri=/account/login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", LiveCallAppFactory.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("html[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    // What blazor.web.js told the notice, in order (a page that reloads starts a new list).
    private const string StateLog = """
        document.addEventListener('DOMContentLoaded', () => {
            const modal = document.getElementById('components-reconnect-modal');
            modal?.addEventListener('components-reconnect-state-changed', e => console.log('reconnect state: ' + e.detail.state));
        });
        """;

    private async Task ShowsAsync(IPage page, string text, string name)
    {
        var notice = page.Locator("[data-testid=reconnect-modal]");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice.GetByText(text)).ToBeVisibleAsync();
        var path = ChromiumFixture.ScreenshotPath(Path.Combine("a11y", name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AxeCheck.AssertNoSeriousViolationsAsync(page, name, output);
        await page.ScreenshotAsync(new() { Path = path });
    }
}
