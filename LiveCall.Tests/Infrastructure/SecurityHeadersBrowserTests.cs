using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Infrastructure;

/// <summary>The Content-Security-Policy blocks nothing the app itself does: login, dashboard, customer page, guest page and a call that connects.</summary>
public sealed class SecurityHeadersBrowserTests(ChromiumFixture chromium, LiveCallAppFactory app)
    : IClassFixture<ChromiumFixture>, IClassFixture<LiveCallAppFactory>
{
    [Fact]
    public async Task LoginAndDashboard_LogNoCspViolation()
    {
        var page = await NewPageAsync(chromium.Browser, app.BaseAddress);
        await page.GotoAsync("account/login");
        Assert.Empty(await CspWatch.ViolationsAsync(page));

        await LoginAsync(page, TestData.Seller2, LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=dashboard-tiles]");

        Assert.Empty(await CspWatch.ViolationsAsync(page));
    }

    [Fact]
    public async Task GuestPage_LogsNoCspViolation()
    {
        var call = await app.Data.StartFollowUpAsync();
        var invitation = await app.Data.InviteGuestAsync(call.Id);
        await using var guest = await CustomerPageDriver.OpenAsync(chromium.Browser, app.BaseAddress);
        await guest.Page.GotoAsync($"j/{invitation.Token}");
        await Assertions.Expect(guest.Page.Locator("[data-testid=guest-preview-status][data-state=ok]")).ToBeVisibleAsync();

        Assert.Empty(await CspWatch.ViolationsAsync(guest.Page));
    }

    [Fact]
    public async Task CustomerPage_AndACallWithTheSellerThatConnects_LogNoCspViolation()
    {
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await using var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, app.BaseAddress);
        await customer.GotoAsync();
        await Assertions.Expect(customer.Page.Locator("[data-testid=customer-preview-status][data-state=ok]")).ToBeVisibleAsync();
        Assert.Empty(await CspWatch.ViolationsAsync(customer.Page));

        await customer.FillEntryAsync("Clara Kunde");
        await customer.StartAsync();
        await Assertions.Expect(customer.Page.Locator("[data-testid=customer-sellers]")).ToBeVisibleAsync();
        Guid callId;
        await using (var db = await app.DbAsync())
            callId = (await db.Calls.AsNoTracking().OrderByDescending(c => c.CreatedUtc).FirstAsync(c => c.State == CallState.Ringing)).Id;
        Assert.Equal(AcceptOutcome.Won, (await app.Get<IncomingCallService>().AcceptAsync(callId, await app.Data.ScopeOfAsync(TestData.Seller1), default)).Outcome);
        await customer.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/call/live");
        await using var seller = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, TestData.Seller1, LiveCallAppFactory.DemoPassword, $"/call/{callId}");
        await seller.WaitConnectedAsync(1);
        await seller.WaitRemoteVideoPlayingAsync(1);

        Assert.Empty(await CspWatch.ViolationsAsync(customer.Page));
        Assert.Empty(await CspWatch.ViolationsAsync(seller.Page));
    }
}
