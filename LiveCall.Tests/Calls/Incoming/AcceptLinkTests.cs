using System.Net;
using LiveCall.App.Calls.FollowUp;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static LiveCall.Tests.Support.AcceptLinkForm;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The seller's accept link over HTTP: look (GET) without using it, act (POST) only with the seller's sign-in or a tap,
/// accept once, join that one call and nothing else.
/// </summary>
public sealed class AcceptLinkTests : IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Options = { FakeClock = true } };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private StaffHttpClient Browser() => new(_app.BaseAddress);

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
    public async Task AfterTheRingTime_TheLinkNoLongerAccepts_AndAfterTheDutyWindow_GetsTheSamePage()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var browser = Browser();
        var invalid = MainOf(await PageAsync(browser, "r/wrong-token"));
        var page = await browser.Http.GetStringAsync($"r/{token}");

        _app.Time.Advance(Location.DefaultRingTimeout + TimeSpan.FromSeconds(1));
        var response = await PostFormAsync(browser, $"r/{token}", page);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("data-testid=\"accept-link-missed\"", await response.Content.ReadAsStringAsync());
        Assert.Null((await CallAsync(callId)).AcceptedByUserId);

        _app.Time.Advance(RingAcceptLinks.DutyWindow);
        var late = await browser.GetAsync($"r/{token}");
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(invalid, MainOf(await late.Content.ReadAsStringAsync()));
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

        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("Answered by Sophie Seller", body);
        Assert.Contains("data-testid=\"accept-link-set-away\"", body); // the seller is on duty: the one-tap action is "I'm away for today"
    }

    [Fact]
    public async Task AnotherSellersLink_InABrowserSignedInAsSomeoneElse_IsNotUsed()
    {
        var callId = await _app.Data.RingAsync();
        var token1 = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        var token2 = await _app.Data.LinkTokenAsync(callId, TestData.Seller2);
        using var seller1 = Browser();
        await seller1.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var look = await PageAsync(seller1, $"r/{token2}");
        // Even a tapped post of seller 2's link (with this browser's form token, from seller 1's own link page) is refused.
        var post = await PostFormAsync(seller1, $"r/{token2}", await seller1.Http.GetStringAsync($"r/{token1}"));

        Assert.Contains("data-testid=\"accept-link-other-user\"", look);
        Assert.Contains("data-testid=\"accept-link-other-user\"", await post.Content.ReadAsStringAsync());
        Assert.Equal(CallState.Ringing, (await CallAsync(callId)).State);
        Assert.NotNull(await _app.Get<RingAcceptLinks>().FindAsync(token2, default));
    }

    [Fact]
    public async Task SellerSignedInOnThisBrowser_AcceptsWithoutATap_AndGoesToTheStaffCallPage()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var seller1 = Browser();
        await seller1.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var page = await seller1.Http.GetStringAsync($"r/{token}");
        var response = await PostFormAsync(seller1, $"r/{token}", page, tap: false); // the page's own script posts it

        Assert.Contains("data-auto-accept=\"true\"", page);
        Assert.Equal($"/call/{callId}", response.Headers.Location?.AbsolutePath);
        Assert.DoesNotContain(seller1.Cookies.GetCookies(_app.BaseAddress), c => c.Name == GuestLinkEndpoints.CookieName);
    }

    [Fact]
    public async Task GetAndPostsWithoutATap_ChangeNothing_AndTheLinkStillWorks()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        var seller = await _app.Data.ScopeOfAsync(TestData.Seller1);
        using var scanner = Browser();

        var page = await scanner.Http.GetStringAsync($"r/{token}");
        Assert.DoesNotContain("data-auto-accept", page); // no script submits this form: nobody signed in here
        foreach (var intent in new[] { "accept", "away", "available", null })
        {
            var post = await PostFormAsync(scanner, $"r/{token}", page, intent, tap: false);
            var body = await post.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("data-testid=\"accept-link-confirm\"", body);
            Assert.Contains("data-testid=\"accept-link-tap\"", body);
        }

        Assert.Equal(CallState.Ringing, (await CallAsync(callId)).State);
        Assert.Equal(SellerStatus.Available, await _app.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));
        await using (var db = await _app.DbAsync())
            Assert.Null((await db.RingTargets.SingleAsync(t => t.CallId == callId && t.UserId == seller.UserId)).DeclinedUtc);
        Assert.NotNull(await _app.Get<RingAcceptLinks>().FindAsync(token, default));
        using var phone = Browser();
        Assert.Equal("/r/call", (await AcceptAsync(phone, token)).Response.Headers.Location?.AbsolutePath);
    }
}
