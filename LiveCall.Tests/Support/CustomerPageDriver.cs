using Microsoft.Playwright;

namespace LiveCall.Tests.Support;

/// <summary>One customer in a browser context of their own on the customer page (<c>/call/{dealer}/{location}</c>), beside <see cref="CallsPageDriver"/>.</summary>
public sealed class CustomerPageDriver : IAsyncDisposable
{
    private CustomerPageDriver(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>A fresh context (camera and microphone allowed, 15 s timeouts); <paramref name="log"/> hears page errors and failed requests.</summary>
    public static async Task<CustomerPageDriver> OpenAsync(IBrowser browser, Uri baseAddress, string locale = "en-US", int width = 1280, int height = 860,
        bool phone = false, Action<string>? log = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = ["camera", "microphone"],
            IsMobile = phone,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        await RemoteMedia.InstallAsync(context);
        await CspWatch.InstallAsync(context);
        var page = await context.NewPageAsync();
        if (log is not null)
        {
            page.Console += (_, m) => { if (m.Type is "error") log($"[customer] {m.Text}"); };
            page.Response += (_, r) => { if (r.Status >= 400) log($"[customer] {r.Status} {r.Url}"); };
        }
        return new CustomerPageDriver(context, page);
    }

    /// <summary>The customer page of a location (the demo dealer's Downtown unless told).</summary>
    public async Task GotoAsync(string location = "downtown", string dealer = TestData.DemoDealer) => await Page.GotoAsync($"call/{dealer}/{location}");

    public ILocator TestId(string testId) => Page.Locator($"[data-testid={testId}]");

    public Task ClickAsync(string testId) => Page.ClickAsync($"[data-testid={testId}]");

    /// <summary>Waits for the camera preview, then types the name (and phone, email) and ticks the privacy note.</summary>
    public async Task FillEntryAsync(string name, string? phone = null, string? email = null)
    {
        await Assertions.Expect(Page.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
        await Page.FillAsync("#customer-name", name);
        if (phone is not null) await Page.FillAsync("#customer-phone", phone);
        if (email is not null) await Page.FillAsync("#customer-email", email);
        await Page.CheckAsync("[data-testid=customer-privacy]");
    }

    /// <summary>Presses "Start video call".</summary>
    public Task StartAsync() => ClickAsync("customer-start");

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
