using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Tenancy;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// Sellers' dashboards in Chromium on the real app, for the ringing tests. The ring runs on the real clock: Downtown
/// rings for 30 minutes here, so that a slow, busy machine cannot let a call time out in the middle of a test (timeouts
/// are tested with a fake clock elsewhere).
/// </summary>
public abstract class RingingPages(ChromiumFixture chromium, IReadOnlyDictionary<string, string?>? settings = null) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    protected const string Toast = "[data-testid=ring-toast]";

    protected LiveCallAppFactory App { get; } = NewApp(settings);

    private static LiveCallAppFactory NewApp(IReadOnlyDictionary<string, string?>? settings)
    {
        var app = new LiveCallAppFactory();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) app.Options.Settings[key] = value;
        return app;
    }

    public async Task InitializeAsync()
    {
        await using var db = await App.DbAsync();
        await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromMinutes(30)));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    protected IncomingCallService Incoming => App.Services.GetRequiredService<IncomingCallService>();

    /// <summary>Logs a seller in (own browser context) and waits until their dashboard listens for rings.</summary>
    protected async Task<IPage> SellerAsync(string email, string locale = "en-US", int width = 1280, int height = 860)
    {
        var page = await NewPageAsync(chromium.Browser, App.BaseAddress, locale, width, height);
        await LoginAsync(page, email, LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    protected Task<RingStart> CallDowntownAsync(string name) =>
        Incoming.StartAsync("demo-motors", "downtown", new CustomerContactInput(name, null, null), CustomerKeys.None, default);

    protected static ILocator ToastOf(IPage page, Guid callId) => page.Locator($"{Toast}[data-call='{callId}']");

    protected Task<TenantScope> ScopeOfAsync(string email) => App.Data.ScopeOfAsync(email);
}
