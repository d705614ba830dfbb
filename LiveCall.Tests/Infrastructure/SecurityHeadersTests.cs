using LiveCall.Tests.Support;

namespace LiveCall.Tests.Infrastructure;

/// <summary>Every response carries the policy headers; camera, microphone and screen sharing only on the call pages; HSTS in Production.</summary>
public sealed class SecurityHeadersTests(LiveCallAppFactory app) : IClassFixture<LiveCallAppFactory>
{
    [Theory]
    [InlineData("account/login", false)]
    [InlineData("", false)]
    [InlineData("no/such/page", false)]
    [InlineData("call/ended", false)]
    [InlineData("api/incoming/demo-motors/downtown/status", false)]
    [InlineData("call/demo-motors/downtown", true)]
    [InlineData("call/test", true)]
    [InlineData("call/live", true)]
    [InlineData("guest", true)]
    [InlineData("r/call", true)]
    public async Task EveryResponse_HasTheCsp_AndCameraOnlyOnCallPages(string path, bool callPage)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var response = await http.GetAsync(path);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scripts);
        foreach (var directive in new[] { "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'", "media-src 'self' blob:" })
            Assert.Contains(directive, csp);
        var permissions = string.Join(" ", response.Headers.GetValues("Permissions-Policy"));
        Assert.Equal(callPage ? "camera=(self), microphone=(self), display-capture=(self)" : "camera=(), microphone=(), display-capture=()", permissions);
    }

    [Fact]
    public async Task Production_OverHttps_SendsHstsForHalfAYear()
    {
        await using var production = new LiveCallAppFactory
        {
            Options =
            {
                Settings =
                {
                    ["environment"] = "Production", ["App:PublicBaseUrl"] = "https://calls.example.com/",
                    ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
                },
            },
        };
        using var http = new HttpClient { BaseAddress = production.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "healthz") { Headers = { Host = "calls.example.com" } };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await http.SendAsync(request);

        Assert.Equal("max-age=15552000", string.Join(" ", response.Headers.GetValues("Strict-Transport-Security")));
    }
}
