using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Push, SMS and email per rung seller through the real outbox; accept, cancel and decline withdraw what is still queued.</summary>
public sealed class RingEscalationTests
{
    private static readonly DateTime RingStart = TestClock.Start.UtcDateTime;

    [Fact]
    public async Task RingStart_QueuesPushSmsAndEmailForEachRungSeller_WithTheLocationsDelays()
    {
        await using var app = await ServiceHost.StartAsync(o => o.Settings["WebPush:AllowedHosts:0"] = "push.example.com");
        await app.Data.SetEscalationDelaysAsync("downtown", sms: TimeSpan.FromSeconds(30), email: TimeSpan.FromSeconds(45));
        var seller1 = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;
        var seller2 = (await app.Data.ScopeOfAsync(TestData.Seller2)).UserId;
        Assert.Equal(SubscribeResult.Stored, await app.Get<PushSubscriptions>().SubscribeAsync(seller1, "https://push.example.com/device-a", P256dh, Auth, "test", default));
        Assert.Equal(SubscribeResult.Stored, await app.Get<PushSubscriptions>().SubscribeAsync(seller1, "https://push.example.com/device-b", P256dh, Auth, "test", default));
        await app.Data.OpenDashboardAsync(TestData.DealerAdmin); // open, but never rung

        var callId = await app.Data.RingAsync();

        var messages = await app.Data.MessagesAsync(callId);
        Assert.All(messages, m => Assert.Equal(OutboxPurpose.IncomingCall, m.Purpose));
        Assert.Equal(new[] { seller1, seller2 }.Order(), messages.Select(m => m.UserId!).Distinct().Order());
        Assert.Equal(2, messages.Count(m => m.UserId == seller1 && m.Channel == OutboxChannel.Push)); // every subscribed device
        Assert.DoesNotContain(messages, m => m.UserId == seller2 && m.Channel == OutboxChannel.Push); // no device subscribed
        var sms = messages.Single(m => m.UserId == seller1 && m.Channel == OutboxChannel.Sms);
        Assert.Equal("+4915110000002", sms.Recipient);
        Assert.Equal(RingStart.AddSeconds(30), sms.NextAttemptUtc);
        var email = messages.Single(m => m.UserId == seller1 && m.Channel == OutboxChannel.Email);
        Assert.Equal("seller1@livecall.demo", email.Recipient);
        Assert.Equal(RingStart.AddSeconds(45), email.NextAttemptUtc);
        var push = messages.First(m => m.UserId == seller1 && m.Channel == OutboxChannel.Push);
        Assert.Equal(RingStart, push.NextAttemptUtc);
        Assert.Contains("Clara Kunde is waiting at Downtown", push.TextBody);
        Assert.Contains($"\"tag\":\"{callId}\"", push.TextBody);
        Assert.Contains("\"actionTitle\":\"Accept\"", push.TextBody);
        // One personal link per seller, the same in every channel, and a different one for the other seller.
        var link1 = TestData.LinkPattern().Match(sms.TextBody).Value;
        Assert.Contains(link1, email.HtmlBody);
        Assert.Contains(link1, push.TextBody);
        Assert.NotEqual(link1, TestData.LinkPattern().Match(messages.Single(m => m.UserId == seller2 && m.Channel == OutboxChannel.Sms).TextBody).Value);
    }

    [Fact]
    public async Task Accept_WithdrawsQueuedEscalations_AndNothingReachesAProviderLater() =>
        await WithdrawnAndNeverSentAsync((app, callId) => app.Data.AcceptAsync(callId));

    [Fact]
    public async Task Cancel_WithdrawsQueuedEscalations_AndNothingReachesAProviderLater() =>
        await WithdrawnAndNeverSentAsync((app, callId) => app.Get<IncomingCallService>().CancelAsync(callId, default));

    [Fact]
    public async Task DeliveredPush_IsReplacedByAnsweredBy_WithTheSameTag_WhenAnotherSellerAccepts()
    {
        using var device = new PushStandIn();
        await using var pushService = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 201; return Task.CompletedTask; });
        await using var app = await ServiceHost.StartAsync(); // push to 127.0.0.1 allowed
        var seller1 = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;
        Assert.Equal(SubscribeResult.Stored, await app.Get<PushSubscriptions>().SubscribeAsync(seller1, new Uri(pushService.BaseUri, "push/1").ToString(),
            device.P256dh, device.AuthText, "test", default));
        var callId = await app.Data.RingAsync();
        await app.DispatchOutboxAsync();
        Assert.Single(pushService.Requests);
        Assert.Contains(await app.Data.MessagesAsync(callId), m => m.Channel == OutboxChannel.Push && m.Status == OutboxStatus.Sent);

        await app.Data.AcceptAsync(callId, TestData.Seller2);
        await app.DispatchOutboxAsync();
        Assert.Equal(2, pushService.Requests.Count);

        var (ringing, answered) = (Json(device.Open(pushService.Requests[0]).Payload), Json(device.Open(pushService.Requests[1]).Payload));
        Assert.Equal(callId.ToString(), ringing.GetProperty("tag").GetString());
        Assert.Equal(callId.ToString(), answered.GetProperty("tag").GetString()); // replaces the notification on the device
        Assert.Equal("Answered by Sophie Seller", answered.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answered.GetProperty("url").ValueKind); // no accept link any more
    }

    [Fact]
    public async Task SellerWhoAcceptedAndDidNotJoin_TheirNotificationIsReplacedByPassedOn_WithTheSameTag()
    {
        using var device = new PushStandIn();
        await using var pushService = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 201; return Task.CompletedTask; });
        await using var app = await ServiceHost.StartAsync();
        var seller1 = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;
        Assert.Equal(SubscribeResult.Stored, await app.Get<PushSubscriptions>().SubscribeAsync(seller1, new Uri(pushService.BaseUri, "push/1").ToString(),
            device.P256dh, device.AuthText, "test", default));
        var callId = await app.Data.RingAsync();
        await app.DispatchOutboxAsync();
        await app.Data.AcceptAsync(callId, TestData.Seller1); // from the notification, say, and then never in the call
        await app.DispatchOutboxAsync();
        Assert.Equal(2, pushService.Requests.Count); // the ring, then "Answered by Sam Seller"

        app.Time.Advance(Location.DefaultAcceptDeadline);
        await app.Get<IncomingCallService>().ExpireDueAsync(default);
        await app.DispatchOutboxAsync();

        var passedOn = Json(device.Open(Assert.Single(pushService.Requests.Skip(2))).Payload);
        Assert.Equal((callId.ToString(), "Call passed on"), (passedOn.GetProperty("tag").GetString(), passedOn.GetProperty("title").GetString()));
        Assert.Contains("You did not join the call from Clara Kunde at Downtown in time", passedOn.GetProperty("body").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, passedOn.GetProperty("url").ValueKind);
    }

    private static System.Text.Json.JsonElement Json(string payload) => System.Text.Json.JsonDocument.Parse(payload).RootElement;

    [Fact]
    public async Task Decline_WithdrawsOnlyThatSellersMessages()
    {
        await using var app = await ServiceHost.StartAsync();
        await app.Data.SetEscalationDelaysAsync("downtown", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var callId = await app.Data.RingAsync();
        var seller1 = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;

        Assert.True(await app.Get<IncomingCallService>().DeclineAsync(callId, seller1, default));

        var messages = await app.Data.MessagesAsync(callId);
        Assert.All(messages.Where(m => m.UserId == seller1), m => Assert.Equal(OutboxStatus.Cancelled, m.Status));
        Assert.Equal(2, messages.Count(m => m.UserId != seller1 && m.Status == OutboxStatus.Queued)); // seller 2's SMS and email ring on
    }

    [Fact]
    public async Task Email_HtmlEncodesTheCustomersName_SmsAndPushKeepItAsPlainText()
    {
        await using var app = await ServiceHost.StartAsync();
        var callId = await app.Data.RingAsync("<script>alert(1)</script>", TestData.Seller1);

        var messages = await app.Data.MessagesAsync(callId);
        var email = messages.Single(m => m.Channel == OutboxChannel.Email);
        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.HtmlBody);
        Assert.Contains("<script>alert(1)</script> is waiting", email.TextBody);
        Assert.Contains("<script>alert(1)</script> is waiting", messages.Single(m => m.Channel == OutboxChannel.Sms).TextBody);
    }

    /// <summary>
    /// SMS and email are due 30 s after ring start; <paramref name="end"/> ends the ring first. The clock then passes the
    /// delay and one outbox pass runs (proven by two other messages due at the same time reaching the stand-ins).
    /// </summary>
    private static async Task WithdrawnAndNeverSentAsync(Func<ServiceHost, Guid, Task> end)
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 202; r.Headers["X-Message-Id"] = "sg-1"; return Task.CompletedTask; });
        var settings = new Dictionary<string, string?>(VonageStandIn.Settings(vonage.BaseUri));
        foreach (var (k, v) in SendGridStandIn.Settings(sendGrid.BaseUri)) settings[k] = v;
        await using var app = await ServiceHost.StartAsync(o => { foreach (var (k, v) in settings) o.Settings[k] = v; });
        await app.Data.SetEscalationDelaysAsync("downtown", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var callId = await app.Data.RingAsync();
        Assert.Equal(4, (await app.Data.MessagesAsync(callId)).Count(m => m.Status == OutboxStatus.Queued));

        await end(app, callId);
        app.Time.Advance(TimeSpan.FromSeconds(31));
        var outbox = app.Get<NotificationOutbox>();
        await outbox.EnqueueSmsAsync(new SmsRequest("+4915112345678", "sentinel", OutboxPurpose.Other, null, null), default);
        await outbox.EnqueueEmailAsync(new EmailRequest("sentinel@example.com", "sentinel", "sentinel", null, OutboxPurpose.Other, null, null), default);
        await app.DispatchOutboxAsync();
        Assert.True(vonage.Requests.Count > 0 && sendGrid.Requests.Count > 0, "the outbox pass did not deliver the sentinel messages");

        Assert.All(await app.Data.MessagesAsync(callId), m => Assert.Equal(OutboxStatus.Cancelled, m.Status));
        Assert.All(vonage.Requests, r => Assert.Contains("sentinel", r.BodyText));
        Assert.All(sendGrid.Requests, r => Assert.Contains("sentinel@example.com", r.BodyText));
        Assert.DoesNotContain(sendGrid.Requests, r => r.BodyText.Contains("seller"));
    }

    // A valid P-256 public key (uncompressed point) and a 16-byte auth secret, base64url.
    private const string P256dh = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string Auth = "BTBZMqHH6r4Tts7J_aSIgg";
}
