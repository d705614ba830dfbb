using Microsoft.Playwright;

namespace LiveCall.Tests.Support;

/// <summary>
/// One headless Debian Chromium (fake camera and microphone) shared by a test class; each test opens
/// its own contexts. The executable is /usr/bin/chromium or LIVECALL_CHROMIUM.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
    ];

    /// <summary>
    /// How long an Expect assertion waits for the page (Playwright's default is 5 s). The whole suite runs on two cores
    /// beside the apps it starts, where a camera preview or a pushed render can take longer than that; a failing
    /// assertion still fails, only later.
    /// </summary>
    public const float ExpectTimeoutMs = 15_000;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVECALL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots go (artifacts/screenshots at the solution root).</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(SolutionRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }

    private static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveCall.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }
}
