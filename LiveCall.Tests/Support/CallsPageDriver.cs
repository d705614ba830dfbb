using Microsoft.Playwright;

namespace LiveCall.Tests.Support;

/// <summary>One staff user in their own browser context on the call page.</summary>
public sealed class CallsPageDriver : IAsyncDisposable
{
    private CallsPageDriver(IBrowserContext context, IPage page, string who)
    {
        Context = context;
        Page = page;
        Media = new RemoteMedia(page, who);
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>What this page receives from the others (see <see cref="RemoteMedia"/>).</summary>
    public RemoteMedia Media { get; }

    /// <summary>Logs in and lands on <paramref name="path"/> (e.g. /call/{id} or /calls).</summary>
    public static async Task<CallsPageDriver> LoginAsync(IBrowser browser, Uri baseAddress, string email, string password, string path, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            Permissions = ["camera", "microphone"],
        });
        await RemoteMedia.InstallAsync(context);
        await CspWatch.InstallAsync(context);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Console.WriteLine($"[{email}] {m.Text}"); };
        await page.GotoAsync("account/login?ReturnUrl=" + Uri.EscapeDataString(path));
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        return new CallsPageDriver(context, page, email);
    }

    /// <summary>
    /// Drives a page that is already on a call screen (e.g. a customer's or one reached through "Accept"). For the media
    /// checks its context needs <see cref="RemoteMedia.InstallAsync"/> before the call page loaded.
    /// </summary>
    public static CallsPageDriver Wrap(IPage page, string who) => new(page.Context, page, who);

    public Task WaitJoinedAsync() => Page.Locator("[data-call-root][data-status=joined]").WaitForAsync();

    /// <summary>Waits until this page shows <paramref name="peers"/> remote tiles, each over a connected RTCPeerConnection.</summary>
    public async Task WaitConnectedAsync(int peers)
    {
        try
        {
            await WaitForAsync(
                """n => { const t = [...document.querySelectorAll('[data-testid=tile]')]; return t.length === n && t.every(x => x.dataset.connection === 'connected'); }""",
                peers);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not connected to {peers} peers: {await DescribeAsync()}");
        }
    }

    /// <summary>The client's view of the call, for failure messages.</summary>
    public Task<string> DescribeAsync() => Page.EvaluateAsync<string>("""
        () => JSON.stringify({ status: liveCall.client.status, self: liveCall.client.self, peers: [...liveCall.client.peers.entries()].map(([id, p]) =>
          ({ id, polite: p.polite, connection: p.pc.connectionState, ice: p.pc.iceConnectionState, signaling: p.pc.signalingState, failures: p.failures, local: p.pc.localDescription?.type, remote: p.pc.remoteDescription?.type, held: p.heldCandidates.length, senders: p.pc.getSenders().length, tx: p.pc.getTransceivers().map(t => t.mid + ':' + t.currentDirection).join(',') })) })
        """);

    /// <summary>This page shows <paramref name="peers"/> remote camera videos, each over a connected peer connection, with frames decoded and painted.</summary>
    public Task WaitRemoteVideoPlayingAsync(int peers, TimeSpan? deadline = null) => Media.WaitFlowingAsync(RemoteMedia.CameraTiles, peers, deadline);

    /// <summary>
    /// Waits until the JS predicate (a function expression) holds, polling every 100 ms (headless pages may not animate).
    /// The predicate must be synchronous: WaitForFunction does not await a Promise, so one that returns a Promise
    /// (an async function, getStats(), …) fails here instead of passing at once.
    /// </summary>
    public Task WaitForAsync(string predicate, object? arg = null) => WaitForSyncAsync(Page, predicate, arg);

    /// <inheritdoc cref="WaitForAsync"/>
    public static Task WaitForSyncAsync(IPage page, string predicate, object? arg = null) =>
        page.WaitForFunctionAsync(SyncOnly(predicate), arg, new PageWaitForFunctionOptions { PollingInterval = 100 });

    /// <summary>The predicate wrapped so that a returned Promise throws instead of counting as true.</summary>
    public static string SyncOnly(string predicate) =>
        "arg => { const r = (" + predicate + ")(arg); if (r && typeof r.then === 'function') throw new Error('WaitForAsync: the predicate returned a Promise; it must be synchronous'); return r; }";

    public Task<string> ParticipantIdAsync() => Page.EvaluateAsync<string>("() => liveCall.client.self.id");

    public Task ClickAsync(string testId) => Page.ClickAsync($"[data-testid={testId}]");

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
