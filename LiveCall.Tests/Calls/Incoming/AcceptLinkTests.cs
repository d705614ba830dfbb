using System.Net;
using System.Text.RegularExpressions;
using LiveCall.App.Calls.FollowUp;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>The seller's accept link: look (GET) without using it, accept once (POST), join that one call and nothing else.</summary>
public sealed partial class AcceptLinkTests : IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Options = { FakeClock = true } };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private StaffHttpClient Browser() => new(_app.BaseAddress);

    /// <summary>Opens the link's page and posts its form (to <paramref name="postTo"/> instead, for a tampered token).</summary>
    private static async Task<(HttpResponseMessage Response, string Body)> AcceptAsync(StaffHttpClient browser, string token, string? postTo = null)
    {
        var page = await browser.Http.GetStringAsync($"r/{token}");
        var response = await PostFormAsync(browser, $"r/{postTo ?? token}", page);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the accept form of an earlier page (its antiforgery token) to <paramref name="path"/>.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(StaffHttpClient browser, string path, string page)
    {
        var token = AntiforgeryPattern().Match(page);
        Assert.True(token.Success, "the page has no form");
        return await browser.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "ring-accept",
        }));
    }

    private async Task<Call> CallAsync(Guid id)
    {
        await using var db = await _app.DbAsync();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task ValidPost_WinsTheCall_AndTheBrowserJoinsThatCallOnly()
    {
        var callId = await _app.Data.RingAsync();
        var other = await _app.Data.RingAsync("Otto Other");
        using var browser = Browser();

        var (response, _) = await AcceptAsync(browser, await _app.Data.LinkTokenAsync(callId, TestData.Seller1));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/r/call", response.Headers.Location?.AbsolutePath);
        var call = await CallAsync(callId);
        Assert.Equal((CallState.Waiting, (await _app.Data.ScopeOfAsync(TestData.Seller1)).UserId), (call.State, call.AcceptedByUserId));
        Assert.Equal(CallState.Ringing, (await CallAsync(other)).State); // a link for call A never accepts call B

        var page = await browser.Http.GetAsync("r/call");
        Assert.Contains("data-call-id=\"" + callId + "\"", await page.Content.ReadAsStringAsync());
        await using (var hub = await SignalingTestClient.ConnectAsync(_app.BaseAddress, browser.Cookies))
        {
            var joined = await hub.JoinAsync(callId);
            Assert.Equal(("joined", "Sam Seller"), (joined.Status, joined.Name));
        }
        await using (var hub = await SignalingTestClient.ConnectAsync(_app.BaseAddress, browser.Cookies))
            Assert.Equal("not-allowed", (await hub.JoinAsync(other)).Status);
        await using var db = await _app.DbAsync();
        var seat = await db.CallParticipants.SingleAsync(p => p.CallId == callId && p.Kind == ParticipantKind.Staff);
        Assert.Equal((await _app.Data.ScopeOfAsync(TestData.Seller1)).UserId, seat.UserId); // counted for the seller's statistics

        // Nothing else of the app: the dashboard and the staff call pages want a login.
        Assert.Contains("/account/login", (await browser.GetAsync("")).Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/account/login", (await browser.GetAsync($"call/{other}")).Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_ShowsTheCall_WithoutUsingTheLink()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var scanner = Browser();

        for (var i = 0; i < 3; i++)
        {
            var page = await scanner.GetAsync($"r/{token}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Clara Kunde is waiting at Downtown.", await page.Content.ReadAsStringAsync());
        }

        Assert.Equal(CallState.Ringing, (await CallAsync(callId)).State);
        Assert.NotNull(await _app.Get<RingAcceptLinks>().FindAsync(token, default));
        using var seller = Browser();
        Assert.Equal(HttpStatusCode.Found, (await AcceptAsync(seller, token)).Response.StatusCode);
    }

    [Fact]
    public async Task WrongExpiredUsedAndTamperedLinks_AllGetTheSamePage()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        var token2 = await _app.Data.LinkTokenAsync(callId, TestData.Seller2);
        using var browser = Browser();
        var pages = new List<(HttpStatusCode, string)>();
        async Task AddAsync(HttpResponseMessage r) => pages.Add((r.StatusCode, MainOf(await r.Content.ReadAsStringAsync())));

        await AddAsync(await browser.GetAsync("r/wrong-token"));
        // Tampered: a valid page's form posted to a changed token.
        var tampered = token2[..^1] + (token2[^1] == 'A' ? 'B' : 'A');
        var (tamperedPost, _) = await AcceptAsync(browser, token2, postTo: tampered);
        await AddAsync(tamperedPost);
        Assert.Equal(HttpStatusCode.Found, (await AcceptAsync(browser, token)).Response.StatusCode);
        await AddAsync(await browser.GetAsync($"r/{token}")); // used (GET)

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.Gone, p.Item1));
        Assert.Single(pages.Select(p => p.Item2).Distinct());
        Assert.Contains("This link is no longer valid. The call was answered, cancelled, or the link expired.", pages[0].Item2);
        Assert.Equal(CallState.Waiting, (await CallAsync(callId)).State);
    }

    [Fact]
    public async Task UsedLink_PostedAgain_GetsTheSamePage()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var browser = Browser();
        var page = await browser.Http.GetStringAsync($"r/{token}"); // the form, before the first use

        Assert.Equal(HttpStatusCode.Found, (await PostFormAsync(browser, $"r/{token}", page)).StatusCode);
        var second = await PostFormAsync(browser, $"r/{token}", page);

        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("data-testid=\"accept-link-invalid\"", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpiredLink_AfterTheRingTime_GetsTheSamePage()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var browser = Browser();
        var page = await browser.Http.GetStringAsync($"r/{token}");

        _app.Time.Advance(Location.DefaultRingTimeout + TimeSpan.FromSeconds(1));
        var response = await PostFormAsync(browser, $"r/{token}", page);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link is no longer valid.", await response.Content.ReadAsStringAsync());
        Assert.Null((await CallAsync(callId)).AcceptedByUserId);
    }

    [Fact]
    public async Task AfterTwentyFailuresFromOneAddress_EvenAValidLinkGetsTheInvalidPage()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var guesser = Browser();

        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.Gone, (await guesser.GetAsync($"r/guess-{i}")).StatusCode);
        var page = await guesser.GetAsync($"r/{token}");

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("data-testid=\"accept-link-invalid\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(CallState.Ringing, (await CallAsync(callId)).State);
    }

    [Fact]
    public async Task LinkOfACallAnsweredByAnotherSeller_SaysWho()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        await _app.Data.AcceptAsync(callId, TestData.Seller2);
        using var browser = Browser();

        var page = await browser.GetAsync($"r/{token}");

        Assert.Contains("Answered by Sophie Seller", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnotherSellersLink_InABrowserSignedInAsSomeoneElse_IsNotUsed()
    {
        var callId = await _app.Data.RingAsync();
        var token2 = await _app.Data.LinkTokenAsync(callId, TestData.Seller2);
        using var seller1 = Browser();
        await seller1.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var (_, body) = await AcceptAsync(seller1, token2);

        Assert.Contains("data-testid=\"accept-link-other-user\"", body);
        Assert.Equal(CallState.Ringing, (await CallAsync(callId)).State);
        Assert.NotNull(await _app.Get<RingAcceptLinks>().FindAsync(token2, default));
    }

    [Fact]
    public async Task SellerSignedInOnThisBrowser_GoesToTheStaffCallPage()
    {
        var callId = await _app.Data.RingAsync();
        using var seller1 = Browser();
        await seller1.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var (response, _) = await AcceptAsync(seller1, await _app.Data.LinkTokenAsync(callId, TestData.Seller1));

        Assert.Equal($"/call/{callId}", response.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain(seller1.Cookies.GetCookies(_app.BaseAddress), c => c.Name == GuestLinkEndpoints.CookieName);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("<main[^>]*>.*?</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();

    private static string MainOf(string html) => MainPattern().Match(html).Value;
}
