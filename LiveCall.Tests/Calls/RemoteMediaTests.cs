using LiveCall.Tests.Support;
using Microsoft.Playwright;

namespace LiveCall.Tests.Calls;

/// <summary>The media check itself: it must say "not flowing" when it is not, or no browser test proves media.</summary>
public sealed class RemoteMediaTests(ChromiumFixture chromium, LiveCallAppFactory app)
    : IClassFixture<ChromiumFixture>, IClassFixture<LiveCallAppFactory>
{
    private static readonly TimeSpan Stopped = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task WhenTheRemoteSideStopsSendingVideo_TheCheckReportsNotFlowing_AndFlowingAgainWhenItResumes()
    {
        var call = await app.Data.StartFollowUpAsync();
        var path = $"/call/{call.Id}";
        await using var sam = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, path);
        await using var sophie = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller2, LiveCallAppFactory.DemoPassword, path);
        await sam.WaitConnectedAsync(1);
        await sophie.WaitConnectedAsync(1);
        await sophie.WaitRemoteVideoPlayingAsync(1);

        // Sophie's own camera preview is not remote media, however many frames it shows.
        var preview = await sophie.Media.CheckAsync("[data-testid=self-tile] video", 1, TimeSpan.FromSeconds(1));
        Assert.False(preview.Flowing, preview.LastObserved);
        Assert.Contains("not a remote track", preview.LastObserved);

        // Sam's camera stops going out (the connection stays up): Sophie's check says so, both ways of asking.
        await sam.Page.EvaluateAsync("""
            async () => {
              window.stoppedVideo = [];
              for (const p of liveCall.client.peers.values())
                for (const s of p.pc.getSenders())
                  if (s.track?.kind === 'video') { window.stoppedVideo.push([s, s.track]); await s.replaceTrack(null); }
              if (window.stoppedVideo.length !== 1) throw new Error('expected one video sender, found ' + window.stoppedVideo.length);
            }
            """);
        var stopped = await sophie.Media.CheckAsync(RemoteMedia.CameraTiles, 1, Stopped);
        Assert.False(stopped.Flowing, stopped.LastObserved);
        Assert.Contains("\"connection\":\"connected\"", stopped.LastObserved);
        Assert.Contains("decoded frames grew by", stopped.LastObserved);
        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => sophie.WaitRemoteVideoPlayingAsync(1, Stopped));
        Assert.Contains("remote video not flowing", thrown.Message);
        Assert.Contains("decoded frames grew by", thrown.Message);

        // The other direction was never touched.
        await sam.WaitRemoteVideoPlayingAsync(1);

        // Sam's camera goes out again: flowing again.
        await sam.Page.EvaluateAsync("async () => { for (const [s, t] of window.stoppedVideo) await s.replaceTrack(t); }");
        await sophie.WaitRemoteVideoPlayingAsync(1);
    }

    [Fact]
    public async Task WhenTheRemoteCameraTrackEnds_TheCheckReportsNotFlowing()
    {
        var call = await app.Data.StartFollowUpAsync();
        var path = $"/call/{call.Id}";
        await using var sam = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, path);
        await using var sophie = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller2, LiveCallAppFactory.DemoPassword, path);
        await sophie.WaitConnectedAsync(1);
        await sophie.WaitRemoteVideoPlayingAsync(1);

        await sam.Page.EvaluateAsync("() => liveCall.client.localStream.getVideoTracks().forEach(t => t.stop())");

        var stopped = await sophie.Media.CheckAsync(RemoteMedia.CameraTiles, 1, Stopped);
        Assert.False(stopped.Flowing, stopped.LastObserved);
        Assert.Contains("\"connection\":\"connected\"", stopped.LastObserved);
    }

    [Fact]
    public async Task APredicateThatReturnsAPromise_FailsTheWait_InsteadOfPassingAtOnce()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<p>nothing to wait for</p>");

        await CallsPageDriver.WaitForSyncAsync(page, "() => document.querySelector('p') !== null");
        // The guard the waits run, evaluated once (never handed to WaitForFunction) on predicates whose result is a
        // Promise: an async function's, a resolved Promise, and getStats() as a real page would call it.
        await page.EvaluateAsync("""
            () => {
              window.lcAsyncFalse = async () => false;
              window.lcResolvedFalse = () => Promise.resolve(false);
              window.lcStats = () => new RTCPeerConnection().getStats();
            }
            """);
        foreach (var predicate in new[] { "() => window.lcAsyncFalse()", "() => window.lcResolvedFalse()", "() => window.lcStats()" })
        {
            var error = await Assert.ThrowsAsync<PlaywrightException>(() => page.EvaluateAsync(CallsPageDriver.SyncOnly(predicate)));
            Assert.Contains("must be synchronous", error.Message);
        }
    }
}
