using System.Net;
using LiveCall.Core;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// A stranger on the public customer page tries to empty a dealer's SMS and email: 50 calls from 50 browsers with 50 contacts,
/// all from one IPv6 /64. The network limit lets a few ring, the ring-alert budgets cap what the location sends, the refused
/// messages say why in the outbox, and another dealer rings as before.
/// </summary>
public sealed class StrangerFloodTests
{
    private const int SmsPerLocationHour = 5;
    private const int EmailPerLocationHour = 5;
    private const int NetworkPerHour = 6;

    [Fact]
    public async Task FiftyStartsFromOneSlash64_RingAFew_StayWithinTheLocationsBudgets_AndAnotherDealerStillRings()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 202; return Task.CompletedTask; });
        await using var h = await ServiceHost.StartAsync(o =>
        {
            o.AddSettings(VonageStandIn.Settings(vonage.BaseUri));
            o.AddSettings(SendGridStandIn.Settings(sendGrid.BaseUri));
            o.Settings["SmsLimits:CooldownPerNumber"] = "00:00:10";
            o.Settings["MessageBudgets:Sms:Ring:PerLocationHourly"] = $"{SmsPerLocationHour}";
            o.Settings["MessageBudgets:Email:Ring:PerLocationHourly"] = $"{EmailPerLocationHour}";
            o.Settings["RingLimits:PerNetworkHourly"] = $"{NetworkPerHour}";
        });
        var dealers = await h.Data.TwoDealersAsync(ServiceHost.PublicAddress);
        await h.Data.SetEscalationDelaysAsync("downtown", TimeSpan.Zero, TimeSpan.Zero);
        var incoming = h.Get<IncomingCallService>();
        var network = ClientAddress.KeyOf(IPAddress.Parse("2001:db8:1:2::1"));

        var outcomes = new List<RingRefusal>();
        for (var i = 0; i < 50; i++)
        {
            await h.Data.OpenDashboardAsync(TestData.Seller1);
            await h.Data.OpenDashboardAsync(TestData.Seller2);
            // Another browser, another contact, another address, but the same /64.
            var who = new CustomerKeys($"browser-{i}", null, ClientAddress.KeyOf(IPAddress.Parse($"2001:db8:1:2:{i + 1:x}:{i * 7:x}::{i + 3:x}")));
            var start = await incoming.StartAsync(TestData.DemoDealer, "downtown",
                new CustomerContactInput($"Stranger {i}", $"0151 3000 {i:D4}", $"stranger{i}@example.com"), who, default);
            outcomes.Add(start.Refusal);
            await h.DispatchOutboxAsync();
            // The stranger gives up at once and tries again, so that only the hourly limits can stop them.
            if (start.CallId is { } callId) await incoming.CancelAsync(callId, default);
            h.Time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal(NetworkPerHour, outcomes.Count(r => r == RingRefusal.None));
        Assert.Equal(50 - NetworkPerHour, outcomes.Count(r => r == RingRefusal.TooManyCalls));
        Assert.Equal(network, ClientAddress.KeyOf(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff")));

        // Each call rang two sellers by SMS and email; the location's ring budgets let through only so many of either.
        await using (var db = await h.DbAsync())
        {
            var downtown = await db.Outbox.AsNoTracking().Where(m => m.LocationId == dealers.DowntownA && m.Purpose == OutboxPurpose.IncomingCall).ToListAsync();
            Assert.Equal(SmsPerLocationHour, downtown.Count(m => m.Channel == OutboxChannel.Sms && m.Status == OutboxStatus.Sent));
            Assert.Equal(EmailPerLocationHour, downtown.Count(m => m.Channel == OutboxChannel.Email && m.Status == OutboxStatus.Sent));
            Assert.All(downtown.Where(m => m.Channel != OutboxChannel.Push && m.Status != OutboxStatus.Sent), m =>
            {
                Assert.Equal(OutboxStatus.Refused, m.Status);
                Assert.Equal(SendRefusal.LocationHourlyCap, m.Refusal);
            });
        }
        Assert.Equal(SmsPerLocationHour, vonage.Requests.Count);
        Assert.Equal(EmailPerLocationHour, sendGrid.Requests.Count(r => r.BodyText.Contains("@livecall.demo", StringComparison.Ordinal)));

        // The location's admin sees every refusal with its reason on the Outbox page.
        var page = await h.Get<OutboxQueries>().ListAsync(dealers.AdminA, null, null, 0, 200, default);
        var refused = page.Items.Where(r => r.Status == OutboxStatus.Refused).ToList();
        Assert.Contains(refused, r => r.Channel == OutboxChannel.Sms);
        Assert.Contains(refused, r => r.Channel == OutboxChannel.Email);
        Assert.All(refused, r => Assert.Equal(SendRefusal.LocationHourlyCap, r.Refusal));

        // Dealer B: the same stranger's network and an ordinary customer both still ring Bea by SMS and email.
        var smsBefore = vonage.Requests.Count;
        await h.Data.OpenDashboardAsync("seller@other.test");
        var other = await incoming.StartAsync("other-cars", "vienna", new CustomerContactInput("Olga Kundin", null, null),
            new CustomerKeys("browser-x", null, network), default);
        Assert.Equal(RingRefusal.None, other.Refusal);
        await h.DispatchOutboxAsync();
        var toBea = await h.Data.MessagesAsync(other.CallId!.Value);
        Assert.Contains(toBea, m => m.Channel == OutboxChannel.Sms && m.Status == OutboxStatus.Sent);
        Assert.Contains(toBea, m => m.Channel == OutboxChannel.Email && m.Status == OutboxStatus.Sent);
        Assert.Equal(smsBefore + 1, vonage.Requests.Count);
        Assert.Contains("436641234567", vonage.Requests[^1].BodyText);
    }

    [Fact]
    public async Task TwentyStartsWithOneNumberAtOnce_RingOnce()
    {
        await using var h = await ServiceHost.StartAsync();
        await h.Data.OpenDashboardAsync(TestData.Seller1);
        var incoming = h.Get<IncomingCallService>();

        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => incoming.StartAsync(TestData.DemoDealer, "downtown",
            new CustomerContactInput("Clara Kunde", "0151 2345 6789", null), new CustomerKeys($"browser-{i}", null, $"198.51.100.{i}"), default))));

        Assert.Single(starts, s => s.Ringing);
        Assert.Equal(19, starts.Count(s => s.Refusal == RingRefusal.AlreadyWaiting));
        Assert.Single(await h.Data.CallsAsync(), c => c.CustomerContactKey is not null);
    }
}
