using LiveCall.Tests.Support;
using LiveCall.Tests.Support.Circuits;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The headless circuit client (the bench's seller dashboards) against the real app, beside a seller's dashboard in
/// Chromium: both are rung with the same toast, and the headless one sees who answered. The server may hold only one
/// unacknowledged render batch per circuit here, so a client that left a batch unacknowledged would see nothing after it.
/// </summary>
public sealed class HeadlessCircuitTests : RingingPages
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(ChromiumFixture.ExpectTimeoutMs);
    private readonly ITestOutputHelper _output;
    private readonly TestLog _log = TestLog.Capture();

    public HeadlessCircuitTests(ChromiumFixture chromium, ITestOutputHelper output)
        : base(chromium, new Dictionary<string, string?> { ["Connections:MaxBufferedUnacknowledgedRenderBatches"] = "1" })
    {
        _output = output;
        App.Options.Log = _log;
    }

    [Fact]
    public async Task HeadlessSeller_IsRungLikeChromium_SeesWhoAnswered_AndStaysLive()
    {
        var cookies = await HeadlessStaffLogin.SignInAsync(App.BaseAddress, TestData.Seller2, LiveCallAppFactory.DemoPassword);
        await using var headless = await HeadlessCircuit.OpenAsync(App.BaseAddress, "/", cookies,
            new HeadlessCircuitOptions
            {
                JsResults = DashboardScripts.Results,
                Watch = ["Clara Headless", "Answered by Sam Seller", "Bernd Headless"],
                WatchAttributes = [("data-ready", "true")],
            });
        _output.WriteLine($"Headless dashboard rendered after {headless.ConnectTime.TotalMilliseconds:0} ms, {headless.RenderBatches} batches");
        // As the Chromium tests wait for it: the toasts listen for rings.
        await headless.WaitForAttributeAsync("data-ready", "true", Wait);
        var chromium = await SellerAsync(TestData.Seller1);
        Assert.False(headless.ContainsText("Clara Headless"));
        headless.Watch("Accept"); // the toast's button; from here on

        var start = await CallDowntownAsync("Clara Headless");
        Assert.Equal(2, start.SellersRinging);
        var callId = start.CallId!.Value;

        await Assertions.Expect(ToastOf(chromium, callId).Locator("[data-testid=ring-caller]")).ToHaveTextAsync("Clara Headless");
        await headless.WaitForTextAsync("Clara Headless", Wait);
        await headless.WaitForTextAsync("Accept", Wait);

        await chromium.ClickAsync($"{Toast}[data-call='{callId}'] [data-testid=ring-accept]");
        await headless.WaitForTextAsync("Answered by Sam Seller", Wait);

        // A second ring still reaches it: every batch before was acknowledged, so the server kept rendering.
        await CallDowntownAsync("Bernd Headless");
        await headless.WaitForTextAsync("Bernd Headless", Wait);
        Assert.False(headless.Ended.IsCompleted);
        Assert.True(headless.Acknowledged >= headless.RenderBatches - 1, $"{headless.Acknowledged} of {headless.RenderBatches} batches acknowledged");

        _output.WriteLine($"{headless.RenderBatches} render batches, {headless.JsCalls} JS calls: {string.Join(", ", headless.JsIdentifiers)}");
        // The circuit's and the components' own complaints (a JS answer they could not read, a batch gone wrong), if any.
        var complaints = _log.Lines.Where(l => l.Split(' ') is [var level, var category, ..]
            && level is "Warning" or "Error" or "Critical"
            && (category.StartsWith("Microsoft.AspNetCore.") || category.StartsWith("LiveCall.App."))).ToList();
        foreach (var line in complaints) _output.WriteLine(line);
        Assert.Empty(complaints);
    }
}
