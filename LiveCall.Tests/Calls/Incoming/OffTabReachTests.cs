using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// Issue 12: a seller on duty is reached wherever they are. Real Chromium sellers and customer, real HTTP stand-ins for
/// Vonage, SendGrid and a push service on 127.0.0.1; the push stand-in decrypts what it gets like the seller's browser.
/// </summary>
public sealed class OffTabReachTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string[] Mobiles = ["4915110000002", "4915110000003"]; // Sam's and Sophie's, as Vonage gets them

    private sealed record StandIns(StandInServer Vonage, StandInServer SendGrid, StandInServer PushService) : IAsyncDisposable
    {
        public static async Task<StandIns> StartAsync() => new(
            await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0")),
            await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 202; r.Headers["X-Message-Id"] = "sg-1"; return Task.CompletedTask; }),
            await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 201; return Task.CompletedTask; }));

        public void Configure(LiveCallAppOptions options)
        {
            foreach (var (key, value) in VonageStandIn.Settings(Vonage.BaseUri).Concat(SendGridStandIn.Settings(SendGrid.BaseUri))) options.Settings[key] = value;
            options.Settings["WebPush:AllowLoopbackForTesting"] = "true";
            options.Settings["WebPush:AllowedHosts:0"] = "127.0.0.1";
            options.Settings["Outbox:PollInterval"] = "00:00:00.200";
        }

        public IEnumerable<string> SmsTo => Vonage.Requests.Select(r => QueryHelpers.ParseQuery(r.BodyText)["to"].ToString());
        public IEnumerable<string> EmailsTo => SendGrid.Requests.Select(r => r.BodyText);

        public async ValueTask DisposeAsync()
        {
            await Vonage.DisposeAsync();
            await SendGrid.DisposeAsync();
            await PushService.DisposeAsync();
        }
    }

    private static async Task<PushStandIn> SubscribeDeviceAsync(LiveCallAppFactory app, StandIns standIns, string email)
    {
        var device = new PushStandIn();
        var userId = (await app.Data.ScopeOfAsync(email)).UserId;
        Assert.Equal(SubscribeResult.Stored, await app.Get<PushSubscriptions>().SubscribeAsync(userId,
            new Uri(standIns.PushService.BaseUri, $"push/{userId}").ToString(), device.P256dh, device.AuthText, "test", default));
        return device;
    }

    private async Task<IPage> SignInAsync(LiveCallAppFactory app, string email)
    {
        var page = await NewPageAsync(chromium.Browser, app.BaseAddress);
        await LoginAsync(page, email, LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task LongRingAsync(LiveCallAppFactory app)
    {
        await using var db = await app.DbAsync();
        await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.RingTimeout, TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public async Task BothSellersSignInAndCloseTheirBrowsers_ACustomerCalls_EachGetsSmsEmailAndPush_AndTheWaitingScreenSaysTwo()
    {
        await using var standIns = await StandIns.StartAsync();
        await using var app = new LiveCallAppFactory();
        standIns.Configure(app.Options);
        await LongRingAsync(app);
        using var sam = await SubscribeDeviceAsync(app, standIns, TestData.Seller1);
        using var sophie = await SubscribeDeviceAsync(app, standIns, TestData.Seller2);

        foreach (var email in new[] { TestData.Seller1, TestData.Seller2 })
        {
            var page = await SignInAsync(app, email);
            await page.Context.CloseAsync(); // the browser is closed: no tab, no circuit, no socket
        }
        // Blazor closes a circuit whose page went away by its unload beacon, or, when the beacon is lost (a busy machine),
        // after the disconnected-circuit retention of minutes. The test does not wait that out: it closes what is left as
        // the circuit handler then does, so that no open dashboard is left either way.
        var presence = app.Get<PresenceService>();
        await using (var db = await app.DbAsync())
            foreach (var circuit in await db.Presence.Select(p => p.CircuitId).ToListAsync()) await presence.CloseAsync(circuit, default);
        await using (var db = await app.DbAsync()) Assert.Equal(0, await db.Presence.CountAsync());

        await using var customer = await CustomerPageDriver.OpenAsync(chromium.Browser, app.BaseAddress);
        await customer.GotoAsync();
        await customer.FillEntryAsync("Clara Kunde");
        await customer.StartAsync();
        await Assertions.Expect(customer.TestId("customer-sellers")).ToHaveTextAsync("2 sellers are being notified");

        var sms = await Eventually.PollAsync(() => Task.FromResult(standIns.SmsTo.ToList()), to => to.Count >= 2, Patience);
        Assert.Equal(Mobiles, sms.Order());
        var mails = await Eventually.PollAsync(() => Task.FromResult(standIns.EmailsTo.ToList()), m => m.Count >= 2, Patience);
        Assert.Single(mails, m => m.Contains(TestData.Seller1, StringComparison.Ordinal));
        Assert.Single(mails, m => m.Contains(TestData.Seller2, StringComparison.Ordinal));
        var pushes = await Eventually.PollAsync(() => Task.FromResult(standIns.PushService.Requests.ToList()), p => p.Count >= 2, Patience);
        foreach (var (device, email) in new[] { (sam, TestData.Seller1), (sophie, TestData.Seller2) })
        {
            var userId = (await app.Data.ScopeOfAsync(email)).UserId;
            var received = device.Open(Assert.Single(pushes, p => p.Path.EndsWith(userId, StringComparison.Ordinal)));
            Assert.Contains("Clara Kunde", received.Payload);
            Assert.Matches(TestData.LinkPattern(), received.Payload); // the accept link
        }
    }

    /// <summary>
    /// The fake clock starts Monday 23 Nov 2026 at 17:30 in Berlin; Downtown is open Monday and Tuesday 09:00–18:00. One seller
    /// signs in before closing and never again; the next morning seller 1's dashboard loses its network, seller 2 chooses
    /// Away in the presence menu, a fourth seller is busy in a call.
    /// </summary>
    [Fact]
    public async Task AwayOffDutyAfterClosingAndBusySellers_AreRungOnNoChannel_WhileTheSellerWhoseDashboardWentOfflineIsReachedByAll()
    {
        await using var standIns = await StandIns.StartAsync();
        await using var app = new LiveCallAppFactory { Options = { ClockStart = new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero) } };
        standIns.Configure(app.Options);
        await LongRingAsync(app);
        var downtown = await app.Data.LocationAsync("downtown");
        await using (var db = await app.DbAsync())
        {
            var row = await db.Locations.SingleAsync(l => l.Id == downtown.Id);
            row.Update(row.Name, row.Slug, row.Country, row.TimeZoneId,
                OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(18, 0), DayOfWeek.Monday, DayOfWeek.Tuesday), row.RingTimeout);
            row.SetDutyRules(TimeSpan.FromHours(24), Core.Dealers.Location.DefaultAcceptDeadline); // only the closing hour ends the late seller's duty
            await db.SaveChangesAsync();
        }
        var duty = app.Get<SellerDuty>();
        var late = await app.Data.AddUserAsync("late@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id, u => u.SetProfile("Lea Late", "+4915110000004", "en"));
        var busy = await app.Data.AddUserAsync("busy@livecall.demo", StaffRole.Seller, downtown.DealerId, downtown.Id, u => u.SetProfile("Ben Busy", "+4915110000005", "en"));
        await duty.SignedInAsync(late.UserId, default); // Monday 17:30, then goes home without logging out

        app.Time.Advance(TimeSpan.FromHours(16)); // Tuesday 09:30 in Berlin: open again
        using var sam = await SubscribeDeviceAsync(app, standIns, TestData.Seller1);
        using var sophie = await SubscribeDeviceAsync(app, standIns, TestData.Seller2);
        var seller1 = await SignInAsync(app, TestData.Seller1);
        var seller2 = await SignInAsync(app, TestData.Seller2);
        await seller2.ClickAsync("[data-testid=presence-chip]");
        await seller2.ClickAsync("[data-testid=presence-away]");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Away");
        await duty.SignedInAsync(busy.UserId, default);
        await app.Data.MakeBusyAsync(busy);
        await seller1.Context.SetOfflineAsync(true); // the dashboard is cut off; the seller is still on duty

        var start = await app.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "downtown", "Clara Kunde", default);

        Assert.Equal(1, start.SellersRinging);
        var callId = start.CallId!.Value;
        var seller1Id = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;
        await using (var db = await app.DbAsync())
            Assert.Equal([seller1Id], await db.RingTargets.Where(t => t.CallId == callId).Select(t => t.UserId).ToListAsync());
        var messages = await app.Data.MessagesAsync(callId);
        Assert.All(messages, m => Assert.Equal(seller1Id, m.UserId)); // nothing queued for the others, on any channel
        Assert.Equal([OutboxChannel.Email, OutboxChannel.Push, OutboxChannel.Sms], messages.Select(m => m.Channel).OrderBy(c => c.ToString()));

        await app.Get<OutboxDispatcher>().DispatchDueAsync(default);
        var sent = await Eventually.PollAsync(() => app.Data.MessagesAsync(callId), m => m.All(x => x.Status == OutboxStatus.Sent), Patience);
        Assert.All(sent, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal([Mobiles[0]], standIns.SmsTo);
        Assert.Contains(TestData.Seller1, Assert.Single(standIns.EmailsTo));
        Assert.Contains("Clara Kunde", sam.Open(Assert.Single(standIns.PushService.Requests)).Payload);
    }
}
