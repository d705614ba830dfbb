using System.Text.Json;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Notifications;

public sealed class WebPushSenderTests
{
    private const string User = "seller-1";

    private static async Task SubscribeAsync(ServiceHost h, PushStandIn browser, Uri endpoint, string user = User) =>
        Assert.Equal(SubscribeResult.Stored, await h.Get<PushSubscriptions>().SubscribeAsync(user, endpoint.ToString(), browser.P256dh,
            browser.AuthText, "Chrome", CancellationToken.None));

    private static Task<IReadOnlyList<Guid>> EnqueueAsync(ServiceHost h, OutboxPurpose purpose = OutboxPurpose.IncomingCall) =>
        h.Get<NotificationOutbox>().EnqueuePushAsync(new PushRequest(User, "Incoming video call", "A customer is waiting", "https://app.example/calls/1/accept",
            purpose, null, null, Guid.NewGuid()), CancellationToken.None);

    [Fact]
    public async Task Send_ToStandInPushService_IsDecryptedWithTheSubscriptionKeyAndVapidVerifies()
    {
        using var browser = new PushStandIn();
        await using var push = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 201; r.Headers.Location = "/m/abc"; return Task.CompletedTask; });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(new() { ["WebPush:Subject"] = "mailto:ops@dealer.example" }));
        await SubscribeAsync(h, browser, new Uri(push.BaseUri, "push/sub-1"));
        var id = Assert.Single(await EnqueueAsync(h));

        await h.DispatchOutboxAsync();

        var received = browser.Open(Assert.Single(push.Requests));
        Assert.Equal(push.BaseUri.GetLeftPart(UriPartial.Authority), received.Audience);
        Assert.InRange(received.Expires, TestClock.Start.ToUnixTimeSeconds(), TestClock.Start.AddHours(24).ToUnixTimeSeconds());
        Assert.Equal("mailto:ops@dealer.example", received.Subject);
        Assert.Equal("60", received.Ttl);
        Assert.Equal("high", received.Urgency);
        Assert.Equal(id.ToString("N"), received.Topic);
        using var payload = JsonDocument.Parse(received.Payload);
        Assert.Equal("Incoming video call", payload.RootElement.GetProperty("title").GetString());
        Assert.Equal("https://app.example/calls/1/accept", payload.RootElement.GetProperty("url").GetString());
        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal("/m/abc", message.ProviderMessageId);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Send_WhenPushServiceSaysGone_DeletesOnlyThatSubscription(int status)
    {
        using var phone = new PushStandIn();
        using var laptop = new PushStandIn();
        await using var push = await StandInServer.StartAsync((req, _, r) =>
        {
            r.StatusCode = req.Path.EndsWith("gone") ? status : 201;
            return Task.CompletedTask;
        });
        await using var h = await ServiceHost.StartAsync();
        await SubscribeAsync(h, phone, new Uri(push.BaseUri, "push/gone"));
        await SubscribeAsync(h, laptop, new Uri(push.BaseUri, "push/alive"));
        await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        await using var db = await h.DbAsync();
        var remaining = Assert.Single(await db.PushSubscriptions.ToListAsync());
        Assert.EndsWith("push/alive", remaining.Endpoint);
        var statuses = await db.Outbox.Select(m => m.Status).ToListAsync();
        Assert.Contains(OutboxStatus.Sent, statuses);
        Assert.Contains(OutboxStatus.Failed, statuses);
    }

    [Fact]
    public async Task Send_WhenPushServiceReturns429_WaitsRetryAfter()
    {
        using var browser = new PushStandIn();
        await using var push = await StandInServer.StartAsync((_, n, r) =>
        {
            r.StatusCode = n == 1 ? 429 : 201;
            if (n == 1) r.Headers.RetryAfter = "30";
            return Task.CompletedTask;
        });
        await using var h = await ServiceHost.StartAsync();
        await SubscribeAsync(h, browser, new Uri(push.BaseUri, "push/sub"));
        var id = Assert.Single(await EnqueueAsync(h));

        await h.DispatchOutboxAsync();
        Assert.Equal(TestClock.Start.UtcDateTime.AddSeconds(30), (await h.Data.MessageAsync(id)).NextAttemptUtc);
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.DispatchOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(id)).Status);
        Assert.Equal(2, push.Requests.Count);
        Assert.All(push.Requests, r => browser.Open(r));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Send_WhenPushServiceRefusesOurRequest_FailsAndKeepsTheSubscription(int status)
    {
        using var browser = new PushStandIn();
        await using var push = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = status; return Task.CompletedTask; });
        await using var h = await ServiceHost.StartAsync();
        await SubscribeAsync(h, browser, new Uri(push.BaseUri, "push/sub"));
        var id = Assert.Single(await EnqueueAsync(h));

        await h.DispatchOutboxAsync();

        Assert.Equal(OutboxStatus.Failed, (await h.Data.MessageAsync(id)).Status);
        await using var db = await h.DbAsync();
        Assert.Equal(1, await db.PushSubscriptions.CountAsync());
    }

    [Fact]
    public async Task Send_WhenPushServiceRedirects_DoesNotFollow()
    {
        using var browser = new PushStandIn();
        await using var push = await StandInServer.StartAsync((req, _, r) =>
        {
            if (req.Path.EndsWith("sub")) r.Redirect("/elsewhere", permanent: false, preserveMethod: true);
            else r.StatusCode = 201;
            return Task.CompletedTask;
        });
        await using var h = await ServiceHost.StartAsync();
        await SubscribeAsync(h, browser, new Uri(push.BaseUri, "push/sub"));
        var id = Assert.Single(await EnqueueAsync(h));

        await h.DispatchOutboxAsync();

        Assert.Single(push.Requests);
        Assert.Equal(OutboxStatus.Failed, (await h.Data.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task EnqueuePush_ForUserWithoutSubscriptions_QueuesNothing()
    {
        await using var h = await ServiceHost.StartAsync();

        Assert.Empty(await EnqueueAsync(h));
    }

    [Fact]
    public async Task VapidKeys_AreGeneratedOnceAndReusedByEveryInstance()
    {
        await using var h = await ServiceHost.StartAsync();

        var first = await h.Get<VapidKeyStore>().GetAsync(CancellationToken.None);
        var other = await new VapidKeyStore(h.Get<IDbContextFactory<LiveCallDbContext>>(), h.Get<Core.Secrets.AtRestKeys>(), h.Time).GetAsync(CancellationToken.None);

        Assert.Equal(first.PublicKey, other.PublicKey);
        Assert.Equal(65, System.Buffers.Text.Base64Url.DecodeFromChars(first.PublicKey).Length);
        await using var db = await h.DbAsync();
        Assert.Equal(1, await db.VapidKeyPairs.CountAsync());
    }
}
