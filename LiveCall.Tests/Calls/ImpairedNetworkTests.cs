using System.Net;
using System.Text.RegularExpressions;
using LiveCall.Core.Calls;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls;

/// <summary>
/// A customer–seller call in two Chromium pages over a bad network, on loopback (this kernel has no netem, so the
/// impairment is ours, in user space): every byte of HTTP, circuits and signaling passes a TCP proxy that stalls and
/// cuts connections; the customer's media is relay-only through a real coturn (Debian's package) behind a UDP proxy
/// that delays each datagram by 200 ± 50 ms and drops 10 %. The call must connect, go on through a signaling stall,
/// reconnect its signaling after every connection was reset, and restart ICE after the media path went away for a while.
/// </summary>
public sealed class ImpairedNetworkTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StallFor = TimeSpan.FromSeconds(8);

    /// <summary>Counts ICE restarts of every RTCPeerConnection of the page (installed after <see cref="RemoteMedia"/>'s wrapper).</summary>
    private const string IceRestartCounter = """
        (() => {
          const P = window.RTCPeerConnection;
          if (typeof P !== 'function') return;
          window.__lcIceRestarts = 0;
          const restartIce = P.prototype.restartIce;
          P.prototype.restartIce = function (...args) { window.__lcIceRestarts++; return restartIce.apply(this, args); };
        })();
        """;

    /// <summary>Records every status the call client shows (data-status on the call root), so that a passing "reconnecting" is seen.</summary>
    private const string StatusRecorder = """
        () => {
          window.__lcStatuses = [];
          const root = document.querySelector('[data-call-root]');
          const note = () => { const s = root.dataset.status; if (window.__lcStatuses[window.__lcStatuses.length - 1] !== s) window.__lcStatuses.push(s); };
          note();
          new MutationObserver(note).observe(root, { attributes: true, attributeFilter: ['data-status'] });
        }
        """;

    private CoturnServer _turn = default!;
    private UdpImpairmentProxy _media = default!;
    private LiveCallAppFactory _app = default!;
    private TcpStallProxy _signaling = default!;

    public async Task InitializeAsync()
    {
        _turn = await CoturnServer.StartAsync();
        _media = new UdpImpairmentProxy(new IPEndPoint(IPAddress.Loopback, _turn.Port));
        _app = new LiveCallAppFactory();
        _app.Options.Settings["Ice:TurnUrls:0"] = $"turn:127.0.0.1:{_media.Port}?transport=udp";
        _app.Options.Settings["Ice:TurnSecret"] = _turn.Secret;
        _app.Options.Settings["Ice:TurnRealm"] = CoturnServer.Realm;
        _app.Options.Settings["Ice:ForceRelay"] = "true";
        _signaling = new TcpStallProxy(_app.BaseAddress.Port);
    }

    public async Task DisposeAsync()
    {
        await _signaling.DisposeAsync();
        await _app.DisposeAsync();
        await _media.DisposeAsync();
        await _turn.DisposeAsync();
    }

    [Fact]
    public async Task CustomerAndSeller_StayInTheCall_ThroughASignalingStall_ResetConnections_AndAMediaOutage_OnALossyDelayedRelay()
    {
        // Both browsers reach the app only through the stalling proxy.
        await using var seller = await CallsPageDriver.LoginAsync(chromium.Browser, _signaling.BaseAddress, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword, "/");
        await seller.Context.AddInitScriptAsync(IceRestartCounter);
        await seller.Page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        await using var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, _signaling.BaseAddress, log: output.WriteLine);
        await customer.Context.AddInitScriptAsync(IceRestartCounter);
        customer.Context.SetDefaultTimeout(30_000);
        seller.Context.SetDefaultTimeout(30_000);
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde");
        await customer.StartAsync();

        await seller.Page.Locator("[data-testid=ring-toast] [data-testid=ring-accept]").ClickAsync();
        await seller.Page.WaitForURLAsync(new Regex("/call/[0-9a-f-]{36}$"));
        var callId = Guid.Parse(new Uri(seller.Page.Url).Segments[^1]);
        var customerCall = CallsPageDriver.Wrap(customer.Page, "customer");
        await customer.Page.Locator("[data-call-root][data-status=joined]").WaitForAsync();
        await seller.WaitJoinedAsync();
        await BothSeeEachOtherAsync(seller, customerCall, "connected through the impaired relay");

        // The customer's media really takes the relay, through the impairment.
        Assert.Equal("relay", await LocalCandidateTypeAsync(customer.Page));
        Assert.True(_media.Dropped > 0 && _media.Forwarded > 10 * _media.Dropped / 2, $"impairment: {_media.Forwarded} forwarded, {_media.Dropped} dropped");
        var dropShare = (double)_media.Dropped / (_media.Dropped + _media.Forwarded);
        Assert.InRange(dropShare, 0.07, 0.13);

        // 1. Signaling stalls (no byte passes, nothing is closed): media does not need it and goes on.
        _signaling.Stall();
        var stalled = System.Diagnostics.Stopwatch.StartNew();
        await BothSeeEachOtherAsync(seller, customerCall, "during a signaling stall");
        if (stalled.Elapsed < StallFor) await Task.Delay(StallFor - stalled.Elapsed); // the injected fault lasts this long
        await BothSeeEachOtherAsync(seller, customerCall, $"after {StallFor.TotalSeconds:0} s of signaling stall");
        _signaling.Resume();
        await ChatArrivesAsync(customerCall, seller, "After the stall", 1);

        // 2. Every connection is reset: both call clients reconnect their signaling and rejoin; media goes on.
        await seller.Page.EvaluateAsync(StatusRecorder);
        await customer.Page.EvaluateAsync(StatusRecorder);
        var accepted = _signaling.Accepted;
        _signaling.CutAll();
        foreach (var page in new[] { seller.Page, customer.Page })
            await CallsPageDriver.WaitForSyncAsync(page,
                "() => window.__lcStatuses.includes('reconnecting') && document.querySelector('[data-call-root]').dataset.status === 'joined'");
        Assert.True(_signaling.Accepted > accepted, "the call clients opened new connections through the proxy");
        await ChatArrivesAsync(customerCall, seller, "After the reset", 2);
        await BothSeeEachOtherAsync(seller, customerCall, "after every connection was reset");

        // 3. The media path goes away: ICE notices, the call client restarts ICE, and the picture comes back once it returns.
        _media.Blackhole = true;
        await CallsPageDriver.WaitForSyncAsync(seller.Page, "() => typeof window.__lcIceRestarts === 'number'"); // the counter is installed
        var restarts = await Eventually.PollAsync(() => RestartsAsync(seller.Page, customer.Page), n => n >= 1, Slow);
        Assert.True(restarts >= 1, $"no ICE restart within {Slow.TotalSeconds} s after the media path went away");
        _media.Blackhole = false;
        await BothSeeEachOtherAsync(seller, customerCall, "after the media outage");
        Assert.Equal("relay", await LocalCandidateTypeAsync(customer.Page));

        // Still the same call, never ended.
        await using var db = await _app.DbAsync();
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId);
        Assert.Equal(CallState.Connected, call.State);
        Assert.Null(call.EndedUtc);
        output.WriteLine($"UDP impairment while connecting: {dropShare:P1} dropped; in all (the outage included): {_media.Forwarded} forwarded, {_media.Dropped} dropped; " +
            $"TCP proxy: {_signaling.Accepted} connections, {_signaling.Cut} reset; ICE restarts: {await RestartsAsync(seller.Page, customer.Page)}");
    }

    [Fact]
    public async Task Coturn_RefusesAWrongSecret_AndRelaysWithTheAppsCredentials()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("about:blank");
        var right = new IceServerIssuer(Microsoft.Extensions.Options.Options.Create(new IceOptions
        {
            TurnUrls = [$"turn:127.0.0.1:{_turn.Port}?transport=udp"], TurnSecret = _turn.Secret, ForceRelay = true,
        }), TimeProvider.System).For(Guid.NewGuid(), ParticipantKind.Guest);
        var wrong = new IceServerIssuer(Microsoft.Extensions.Options.Options.Create(new IceOptions
        {
            TurnUrls = [$"turn:127.0.0.1:{_turn.Port}?transport=udp"], TurnSecret = "not-the-secret", ForceRelay = true,
        }), TimeProvider.System).For(Guid.NewGuid(), ParticipantKind.Guest);

        Assert.Equal("relay", right.TransportPolicy);
        Assert.Equal("relay:-", await GatherAsync(page, right));
        Assert.Equal("none:401", await GatherAsync(page, wrong));
    }

    /// <summary>Gathers relay-only candidates with the given ICE servers: "relay:-" when a relay candidate came, else "none:" and coturn's error code.</summary>
    private static Task<string> GatherAsync(IPage page, IceConfiguration ice) => page.EvaluateAsync<string>("""
        async ([urls, username, credential]) => {
          const pc = new RTCPeerConnection({ iceServers: [{ urls, username, credential }], iceTransportPolicy: 'relay' });
          let relay = false, error = '-';
          pc.onicecandidateerror = e => { error = String(e.errorCode); };
          const done = new Promise(resolve => {
            pc.onicecandidate = e => { if (e.candidate?.type === 'relay') relay = true; if (!e.candidate) resolve(); };
            pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
          });
          pc.createDataChannel('probe');
          await pc.setLocalDescription(await pc.createOffer());
          await Promise.race([done, new Promise(resolve => setTimeout(resolve, 15000))]);
          pc.close();
          return relay ? 'relay:-' : 'none:' + error;
        }
        """, new object?[] { ice.Servers[0].Urls, ice.Servers[0].Username, ice.Servers[0].Credential });

    private async Task BothSeeEachOtherAsync(CallsPageDriver seller, CallsPageDriver customer, string when)
    {
        try
        {
            await Task.WhenAll(seller.WaitRemoteVideoPlayingAsync(1, Slow), customer.WaitRemoteVideoPlayingAsync(1, Slow));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{when}: {e.Message}\nseller: {await seller.DescribeAsync()}\ncustomer: {await customer.DescribeAsync()}\ncoturn:\n{Tail(_turn.Log)}", e);
        }
    }

    private static async Task ChatArrivesAsync(CallsPageDriver from, CallsPageDriver to, string text, int count)
    {
        if (!await from.Page.Locator("[data-testid=chat-input]").IsVisibleAsync()) await from.ClickAsync("call-chat");
        await from.Page.FillAsync("[data-testid=chat-input]", text);
        await from.Page.PressAsync("[data-testid=chat-input]", "Enter");
        await Assertions.Expect(to.Page.Locator("[data-testid=call-chat]")).ToHaveAttributeAsync("aria-label", $"Chat ({count})", new() { Timeout = 30_000 });
    }

    /// <summary>
    /// The candidate type of this side of the page's selected pair (the transport's selectedCandidatePairId), awaited
    /// until a connection has one: on a lossy, delayed relay, a loaded machine can report the pair a moment after the
    /// picture shows, or the state can flicker through "disconnected"; what is selected is still asserted by the caller.
    /// </summary>
    private static Task<string?> LocalCandidateTypeAsync(IPage page) => Eventually.PollAsync(() => page.EvaluateAsync<string?>("""
        async () => {
          for (const { pc } of window.__lcMedia.connections) {
            if (pc.connectionState === 'closed' || pc.connectionState === 'failed') continue;
            const stats = await pc.getStats();
            for (const t of stats.values()) {
              if (t.type !== 'transport' || !t.selectedCandidatePairId) continue;
              const pair = stats.get(t.selectedCandidatePairId);
              const local = pair && stats.get(pair.localCandidateId);
              if (local) return local.candidateType;
            }
          }
          return null;
        }
        """), type => type is not null, Slow);

    private static async Task<int> RestartsAsync(params IPage[] pages)
    {
        var total = 0;
        foreach (var page in pages) total += await page.EvaluateAsync<int>("() => window.__lcIceRestarts ?? 0");
        return total;
    }

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(30));
}
