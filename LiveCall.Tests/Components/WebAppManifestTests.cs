using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Components;

/// <summary>
/// The staff UI can be added to the Home Screen as an app (iPhone and iPad deliver Web Push only to such apps): the web
/// app manifest is served, complete and parsed by the browser without errors; the staff pages link it and Apple's icon,
/// the customer's pages do not.
/// </summary>
public sealed partial class WebAppManifestTests(LiveCallAppFactory app, ChromiumFixture chromium)
    : IClassFixture<LiveCallAppFactory>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Manifest_IsServedAsManifestJson_WithNameStandaloneDisplayColoursAndTheDashboardAsStart()
    {
        using var client = new StaffHttpClient(app.BaseAddress);
        using var response = await client.GetAsync("manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("LiveCall", root.GetProperty("name").GetString());
        Assert.Equal("LiveCall", root.GetProperty("short_name").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("theme_color").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("background_color").GetString());
        var manifestUrl = new Uri(app.BaseAddress, "manifest.webmanifest");
        var start = new Uri(manifestUrl, root.GetProperty("start_url").GetString());
        var scope = new Uri(manifestUrl, root.GetProperty("scope").GetString());
        Assert.StartsWith(scope.AbsoluteUri, start.AbsoluteUri); // the start page lies inside the app
        Assert.Equal(app.BaseAddress.GetLeftPart(UriPartial.Authority), start.GetLeftPart(UriPartial.Authority));

        // The start URL is the dashboard (for a signed-in seller).
        await client.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);
        using var dashboard = await client.GetAsync(start.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("dashboard-welcome", await dashboard.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ManifestIcons_Resolve_AsPngImagesOfTheStatedSize_With192And512ForAnyUse()
    {
        using var client = new StaffHttpClient(app.BaseAddress);
        using var manifest = JsonDocument.Parse(await client.Http.GetStringAsync("manifest.webmanifest"));
        var manifestUrl = new Uri(app.BaseAddress, "manifest.webmanifest");
        var icons = manifest.RootElement.GetProperty("icons").EnumerateArray().ToList();

        foreach (var icon in icons)
        {
            Assert.Equal("image/png", icon.GetProperty("type").GetString());
            var (width, height) = await PngSizeAsync(client, new Uri(manifestUrl, icon.GetProperty("src").GetString()));
            Assert.Equal(icon.GetProperty("sizes").GetString(), $"{width}x{height}");
        }
        bool ForAnyUse(JsonElement icon) => !icon.TryGetProperty("purpose", out var p) || p.GetString()!.Split(' ').Contains("any");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192" && ForAnyUse(i));
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && ForAnyUse(i));
        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable");
    }

    [Theory]
    [InlineData("account/login", false)]
    [InlineData("", true)]
    public async Task StaffPages_LinkTheManifest_AndApplesHomeScreenTags(string path, bool signedIn)
    {
        using var client = new StaffHttpClient(app.BaseAddress);
        if (signedIn) await client.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var html = await client.Http.GetStringAsync(path);

        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Equal("manifest.webmanifest", LinkHref(head, "manifest"));
        Assert.Contains("<meta name=\"apple-mobile-web-app-capable\" content=\"yes\"", head);
        Assert.Contains("<meta name=\"mobile-web-app-capable\" content=\"yes\"", head);
        Assert.Contains("<meta name=\"apple-mobile-web-app-title\" content=\"LiveCall\"", head);
        var touchIcon = LinkHref(head, "apple-touch-icon");
        Assert.NotNull(touchIcon);
        Assert.Equal((180, 180), await PngSizeAsync(client, new Uri(app.BaseAddress, touchIcon))); // Apple's size for iPhone
    }

    [Fact]
    public async Task CustomerPage_OffersNoStaffApp()
    {
        using var client = new StaffHttpClient(app.BaseAddress);

        var html = await client.Http.GetStringAsync("call/demo-motors/downtown");

        Assert.Null(LinkHref(html, "manifest"));
        Assert.Null(LinkHref(html, "apple-touch-icon"));
    }

    /// <summary>Chromium's own manifest parser (DevTools Page.getAppManifest) reads the login page's manifest without an error.</summary>
    [Fact]
    public async Task Chromium_ParsesTheManifestWithoutErrors()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        var cdp = await context.NewCDPSessionAsync(page);

        var result = (await cdp.SendAsync("Page.getAppManifest"))!.Value;

        Assert.Equal(new Uri(app.BaseAddress, "manifest.webmanifest").ToString(), result.GetProperty("url").GetString());
        Assert.Equal("[]", result.GetProperty("errors").GetRawText());
        Assert.Contains("\"standalone\"", result.GetProperty("data").GetString());
    }

    private static async Task<(int Width, int Height)> PngSizeAsync(StaffHttpClient client, Uri url)
    {
        using var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })
            && png.AsSpan(12, 4).SequenceEqual("IHDR"u8), $"{url} is not a PNG image");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private static string? LinkHref(string html, string rel) =>
        LinkPattern().Matches(html).FirstOrDefault(m => m.Groups["rel"].Value == rel)?.Groups["href"].Value;

    [GeneratedRegex("<link rel=\"(?<rel>[^\"]+)\"[^>]*? href=\"(?<href>[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
