using LiveCall.App.Calls.Signaling;
using LiveCall.Core.Calls;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveCall.Tests.Calls;

/// <summary>Real calls between headless Chromium pages with fake cameras, over the real app on 127.0.0.1.</summary>
public sealed class CallsBrowserTests(ChromiumFixture chromium, LiveCallAppFactory app)
    : IClassFixture<ChromiumFixture>, IClassFixture<LiveCallAppFactory>
{
    [Fact]
    public async Task TwoSellers_SeeAndHearEachOther_MuteChatShareScreen_SurviveASignalingDrop_AndHangUp()
    {
        await using var sam = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, "/call/test");
        await sam.Page.Locator("[data-testid=start-test-call]:not([disabled])").ClickAsync();
        await sam.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/call/[0-9a-f-]{36}$"));
        var callId = Guid.Parse(new Uri(sam.Page.Url).Segments[^1]);
        await using var sophie = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller2, LiveCallAppFactory.DemoPassword, $"/call/{callId}");

        await sam.WaitConnectedAsync(1);
        await sophie.WaitConnectedAsync(1);
        await sam.WaitRemoteVideoPlayingAsync(1);
        await sophie.WaitRemoteVideoPlayingAsync(1);
        await Assertions.Expect(sophie.Page.Locator("[data-testid=tile] [data-testid=tile-name]")).ToHaveTextAsync("Sam Seller");

        // Mute shows on the other side.
        await sam.ClickAsync("call-mute");
        await Assertions.Expect(sophie.Page.Locator("[data-testid=tile] [data-testid=tile-muted]")).ToBeVisibleAsync();
        await Assertions.Expect(sam.Page.Locator("[data-testid=call-mute]")).ToHaveAttributeAsync("aria-label", "Unmute");

        // Chat arrives.
        await sophie.ClickAsync("call-chat");
        await sophie.Page.FillAsync("[data-testid=chat-input]", "Hello Sam, can you see the car?");
        await sophie.Page.PressAsync("[data-testid=chat-input]", "Enter");
        await Assertions.Expect(sam.Page.Locator("[data-testid=call-chat]")).ToHaveAttributeAsync("aria-label", "Chat (1)");
        await sam.ClickAsync("call-chat");
        await Assertions.Expect(sam.Page.Locator("[data-testid=chat-text]")).ToHaveTextAsync("Hello Sam, can you see the car?");

        // Screen sharing sends a second video track.
        await sam.ClickAsync("call-share");
        await sophie.WaitForAsync("""
            () => liveCall.client.peers.size === 1 && [...liveCall.client.peers.values()].every(p =>
              p.pc.getReceivers().filter(r => r.track.kind === 'video' && r.track.readyState === 'live').length === 2 && p.screenStreams.length === 1)
            """);
        await Assertions.Expect(sophie.Page.Locator("[data-testid=screen-tile]")).ToBeVisibleAsync();
        await sophie.Media.WaitFlowingAsync(RemoteMedia.ScreenTiles, 1);
        await sophie.WaitRemoteVideoPlayingAsync(1); // the camera goes on beside the screen
        await sam.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("calls-desktop-sharing") });
        await AxeCheck.AssertNoSeriousViolationsAsync(sam.Page, "calls-desktop-sharing");
        await AxeCheck.AssertNoSeriousViolationsAsync(sophie.Page, "calls-desktop-chat-screen-tile");
        await sam.ClickAsync("call-share");
        await Assertions.Expect(sophie.Page.Locator("[data-testid=screen-tile]")).ToHaveCountAsync(0);

        // The server drops Sophie's signaling connection: she reconnects, rejoins and the call goes on, no reload.
        var sophieId = Guid.Parse(await sophie.ParticipantIdAsync());
        await sophie.Page.EvaluateAsync("() => { window.notReloaded = true; window.statuses = []; liveCall.client.addEventListener('status', () => statuses.push(liveCall.client.status)); }");
        Assert.True(app.Services.GetRequiredService<CallRoster>().Drop(sophieId));
        await sophie.WaitForAsync("() => statuses.includes('reconnecting') && liveCall.client.status === 'joined'");
        Assert.Equal(sophieId, Guid.Parse(await sophie.ParticipantIdAsync()));
        await sophie.Page.FillAsync("[data-testid=chat-input]", "Back again");
        await sophie.Page.PressAsync("[data-testid=chat-input]", "Enter");
        await Assertions.Expect(sam.Page.Locator("[data-testid=chat-text]").Last).ToHaveTextAsync("Back again");
        await sophie.WaitConnectedAsync(1);
        await sam.WaitRemoteVideoPlayingAsync(1);
        await sophie.WaitRemoteVideoPlayingAsync(1);
        Assert.True(await sophie.Page.EvaluateAsync<bool>("() => window.notReloaded === true"));

        // Hang up: the last one out ends the call, its duration is stored.
        await sophie.ClickAsync("call-hangup");
        await Assertions.Expect(sam.Page.Locator("[data-testid=tile]")).ToHaveCountAsync(0);
        await sam.ClickAsync("call-hangup");
        await Assertions.Expect(sam.Page.Locator("[data-testid=call-notice]")).ToContainTextAsync("You left the call.");
        var call = await app.Data.FindCallAsync(callId);
        Assert.Equal(CallState.Ended, call!.State);
        Assert.NotNull(call.ConnectedUtc);
        Assert.NotNull(call.DurationSeconds);
        Assert.Equal(call.Duration!.Value.TotalSeconds, call.DurationSeconds!.Value, tolerance: 1);
    }

    [Fact]
    public async Task ThreeStaffUsers_AllConnect_AndThePhoneLayoutShowsEveryone()
    {
        var call = await app.Data.StartFollowUpAsync();
        var path = $"/call/{call.Id}";
        var phone = new ViewportSize { Width = 390, Height = 844 };
        await using var sam = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, path, phone);
        await using var sophie = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller2, LiveCallAppFactory.DemoPassword, path);
        await using var dana = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.DealerAdmin, LiveCallAppFactory.DemoPassword, path);

        foreach (var driver in new[] { sam, sophie, dana }) await driver.WaitConnectedAsync(2);
        foreach (var driver in new[] { sam, sophie, dana }) await driver.WaitRemoteVideoPlayingAsync(2);
        await Assertions.Expect(sam.Page.GetByRole(AriaRole.Button, new() { Name = "Hang up" })).ToBeVisibleAsync();
        await Assertions.Expect(sam.Page.GetByRole(AriaRole.Button, new() { Name = "Participants (3)" })).ToBeVisibleAsync();

        await sam.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("calls-phone-three") });
        await sophie.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("calls-desktop-three") });
        await AxeCheck.AssertNoSeriousViolationsAsync(sam.Page, "calls-phone-three");
        await AxeCheck.AssertNoSeriousViolationsAsync(sophie.Page, "calls-desktop-three");
        await sam.ClickAsync("call-participants");
        await Assertions.Expect(sam.Page.Locator("[data-testid=participant-list] li")).ToHaveCountAsync(3);
        await sam.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("calls-phone-participants") });
        await AxeCheck.AssertNoSeriousViolationsAsync(sam.Page, "calls-phone-participants");
    }

    [Fact]
    public async Task DeniedCameraAndMicrophone_ExplainsIt_AndTheUserCanJoinWithoutMedia()
    {
        var call = await app.Data.StartFollowUpAsync();
        await using var sam = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, "/call/test");
        await sam.Context.AddInitScriptAsync("navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));");
        await sam.Page.GotoAsync($"/call/{call.Id}");

        await Assertions.Expect(sam.Page.Locator("[data-testid=call-notice]")).ToContainTextAsync("Access to camera and microphone was denied");
        await sam.ClickAsync("media-none");

        await sam.WaitJoinedAsync();
        await Assertions.Expect(sam.Page.Locator("[data-testid=call-notice]")).ToBeHiddenAsync();
        await Assertions.Expect(sam.Page.Locator("[data-testid=call-mute]")).ToBeDisabledAsync();
        await Assertions.Expect(sam.Page.Locator("[data-testid=call-status]")).ToHaveTextAsync("Waiting for others to join…");
    }
}
