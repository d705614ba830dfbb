using System.Text.Json;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Notifications;

/// <summary>
/// Safari 16+ (macOS 13+) and Home Screen web apps on iOS/iPadOS 16.4+ subscribe at Apple's push service
/// (web.push.apple.com), which checks the VAPID JWT more strictly than the others: the same sender, against
/// <see cref="ApplePushStandIn"/>.
/// </summary>
public sealed class ApplePushServiceTests
{
    private const string Subject = "mailto:ops@dealer.example";

    private static Task<ServiceHost> StartAsync() => ServiceHost.StartAsync(o => o.Settings["WebPush:Subject"] = Subject);

    private static async Task<string> SubscribeSafariAsync(ServiceHost h, PushStandIn iphone, Uri endpoint, string email = TestData.Seller1)
    {
        var user = (await h.Data.ScopeOfAsync(email)).UserId;
        Assert.Equal(SubscribeResult.Stored, await h.Get<PushSubscriptions>().SubscribeAsync(user, endpoint.ToString(), iphone.P256dh, iphone.AuthText,
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", default));
        return user;
    }

    private static async Task<Guid> EnqueueAsync(ServiceHost h, string user) =>
        Assert.Single(await h.Get<NotificationOutbox>().EnqueuePushAsync(new PushRequest(user, "Incoming video call", "Clara Kunde is waiting at Downtown",
            "http://livecall.test/r/x", OutboxPurpose.IncomingCall, null, null, Guid.NewGuid()), default));

    [Fact]
    public async Task RingPush_ToApplesPushService_CarriesItsOriginAsAudience_AndIsAccepted()
    {
        using var iphone = new PushStandIn();
        await using var h = await StartAsync();
        await using var apple = await ApplePushStandIn.StartAsync(h.Time);
        await SubscribeSafariAsync(h, iphone, apple.Endpoint("1"));
        var callId = await h.Data.RingAsync("Clara Kunde", TestData.Seller1);

        await h.DispatchOutboxAsync();

        var answer = Assert.Single(apple.Answers);
        Assert.Equal((201, null), (answer.Status, answer.Reason));
        var received = iphone.Open(answer.Request);
        Assert.Equal(apple.Origin, received.Audience); // scheme, host and port of the endpoint, no path
        Assert.DoesNotContain("QGm", received.Audience);
        Assert.Equal(Subject, received.Subject);
        Assert.InRange(received.Expires, h.Time.GetUtcNow().ToUnixTimeSeconds() + 1, h.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        Assert.Equal(("60", "high"), (received.Ttl, received.Urgency));
        Assert.Equal("Clara Kunde is waiting at Downtown", JsonDocument.Parse(received.Payload).RootElement.GetProperty("body").GetString());
        var push = Assert.Single(await h.Data.MessagesAsync(callId), m => m.Channel == OutboxChannel.Push);
        Assert.Equal(OutboxStatus.Sent, push.Status);
    }

    [Fact]
    public async Task StandIn_RefusesATokenForAnotherOrigin_AsApplesServiceDoes()
    {
        // The audience check has teeth: the app's own JWT, made for another origin, is refused with Apple's reason.
        await using var h = await StartAsync();
        await using var apple = await ApplePushStandIn.StartAsync(h.Time);
        var store = h.Get<VapidKeyStore>();
        var keys = await store.GetAsync(default);
        string jwt;
        using (var key = store.CreateSigningKey(keys))
            jwt = VapidToken.CreateJwt("https://web.push.apple.com", h.Time.GetUtcNow().AddHours(12), Subject, key);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, apple.Endpoint("1")) { Content = new ByteArrayContent([1, 2, 3]) };
        request.Headers.TryAddWithoutValidation("Authorization", VapidToken.AuthorizationHeader(jwt, keys.PublicKey));

        using var response = await client.SendAsync(request);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("""{"reason":"BadJwtToken"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AppleSays410Unregistered_TheSubscriptionIsDeleted_AndTheMessageFails()
    {
        using var iphone = new PushStandIn();
        await using var h = await StartAsync();
        await using var apple = await ApplePushStandIn.StartAsync(h.Time);
        apple.Answer = 410;
        var user = await SubscribeSafariAsync(h, iphone, apple.Endpoint("gone"));
        var id = await EnqueueAsync(h, user);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Contains("HTTP 410", message.LastError);
        await using var db = await h.DbAsync();
        Assert.Equal(0, await db.PushSubscriptions.CountAsync());
    }

    [Fact]
    public async Task AppleSays413PayloadTooLarge_TheMessageFailsWithApplesReason_AndTheSubscriptionIsKept()
    {
        using var iphone = new PushStandIn();
        await using var h = await StartAsync();
        await using var apple = await ApplePushStandIn.StartAsync(h.Time);
        apple.Answer = 413; // the sender's encryption never makes a record over 4 KB, so Apple's size check is forced here
        var user = await SubscribeSafariAsync(h, iphone, apple.Endpoint("1"));
        var id = await EnqueueAsync(h, user);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal("Push service refused our request (HTTP 413 PayloadTooLarge)", message.LastError);
        await using var db = await h.DbAsync();
        Assert.Equal(1, await db.PushSubscriptions.CountAsync());
    }

    [Fact]
    public async Task AppleSays429TooManyRequests_TheMessageIsRetriedWithBackoff_AndThenSent()
    {
        using var iphone = new PushStandIn();
        await using var h = await StartAsync();
        await using var apple = await ApplePushStandIn.StartAsync(h.Time);
        apple.Answer = 429; // Apple sends no Retry-After
        var user = await SubscribeSafariAsync(h, iphone, apple.Endpoint("1"));
        var id = await EnqueueAsync(h, user);

        await h.DispatchOutboxAsync();
        var waiting = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Queued, waiting.Status);
        Assert.True(waiting.NextAttemptUtc > h.Time.GetUtcNow().UtcDateTime, "a retry is due later, not at once");
        apple.Answer = null;
        h.Time.Advance(waiting.NextAttemptUtc - h.Time.GetUtcNow().UtcDateTime);
        await h.DispatchOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(id)).Status);
        Assert.Equal(new[] { 429, 201 }, apple.Answers.Select(a => a.Status));
        Assert.All(apple.Answers, a => iphone.Open(a.Request));
    }

    [Fact]
    public async Task AppleSays403BadJwtToken_TheOutboxShowsApplesReason()
    {
        using var iphone = new PushStandIn();
        await using var h = await StartAsync();
        await using var apple = await ApplePushStandIn.StartAsync(h.Time);
        apple.Answer = 403;
        var user = await SubscribeSafariAsync(h, iphone, apple.Endpoint("1"));
        var id = await EnqueueAsync(h, user);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal("Push service refused our request (HTTP 403 BadJwtToken)", message.LastError);
    }
}
