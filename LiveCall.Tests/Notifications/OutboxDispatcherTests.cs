using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Notifications;

public sealed class OutboxDispatcherTests
{
    /// <summary>A second worker (own lease identity) over the same database, as another app instance would have.</summary>
    private static OutboxDispatcher NewDispatcher(ServiceHost h) => ActivatorUtilities.CreateInstance<OutboxDispatcher>(h.Services);

    private static async Task<List<Guid>> EnqueueSmsAsync(ServiceHost h, int count)
    {
        var dealer = (await h.Data.AddDealerAsync()).Id;
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var result = await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest($"+49151123456{i:00}", $"Message {i}", OutboxPurpose.Other, dealer, null), CancellationToken.None);
            ids.Add(result.MessageId ?? throw new InvalidOperationException(result.Refusal.ToString()));
        }
        return ids;
    }

    [Fact]
    public async Task Dispatch_WhenWorkerCrashedBetweenClaimAndSend_SendsExactlyOnceAfterLeaseExpires()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = (await EnqueueSmsAsync(h, 1))[0];

        // The first instance claims the message and dies before sending.
        var crashed = NewDispatcher(h);
        Assert.Single(await crashed.ClaimAsync(CancellationToken.None));
        Assert.Equal(OutboxStatus.Sending, (await h.Data.MessageAsync(id)).Status);

        // The restarted instance does not touch it while the lease holds …
        var restarted = NewDispatcher(h);
        Assert.Equal(0, await restarted.DispatchDueAsync(CancellationToken.None));
        // … and sends it once the lease has run out.
        h.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await restarted.DispatchDueAsync(CancellationToken.None));
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await restarted.DispatchDueAsync(CancellationToken.None));

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Single(vonage.Requests);
        Assert.Equal(2, message.Attempts);
    }

    [Fact]
    public async Task Dispatch_WhenWorkersKeepDyingMidSend_DeadLettersAfterMaxAttempts()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = (await EnqueueSmsAsync(h, 1))[0];

        for (var i = 0; i < 3; i++)
        {
            Assert.Single(await NewDispatcher(h).ClaimAsync(CancellationToken.None));
            h.Time.Advance(TimeSpan.FromSeconds(61));
        }
        Assert.Equal(0, await h.DispatchOutboxAsync());

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Empty(vonage.Requests);
    }

    [Fact]
    public async Task Dispatch_WhenLeaseWasTakenOver_LateWorkerDoesNotOverwriteTheResult()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = (await EnqueueSmsAsync(h, 1))[0];
        var slow = NewDispatcher(h);
        var claimed = Assert.Single(await slow.ClaimAsync(CancellationToken.None));
        h.Time.Advance(TimeSpan.FromSeconds(61));
        var other = NewDispatcher(h);
        Assert.Single(await other.ClaimAsync(CancellationToken.None));

        await slow.DeliverAsync(claimed, CancellationToken.None);

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sending, message.Status);
        Assert.Equal(other.WorkerId, message.LeaseOwner);
    }

    [Fact]
    public async Task Dispatch_WithTwoWorkers_NeverSendsAMessageTwice()
    {
        await using var vonage = await StandInServer.StartAsync(async (req, _, r) =>
        {
            await Task.Delay(5);
            await VonageStandIn.Status(r, "0");
        });
        await using var h = await ServiceHost.StartAsync(o =>
        {
            o.AddSettings(VonageStandIn.Settings(vonage.BaseUri));
            o.Settings["Outbox:BatchSize"] = "7";
            o.Settings["Vonage:MaxSendsPerSecond"] = "1000"; // the fake clock stands still: stay inside the burst
        });
        var ids = await EnqueueSmsAsync(h, 40);
        var a = NewDispatcher(h);
        var b = NewDispatcher(h);

        async Task Drain(OutboxDispatcher d)
        {
            while (await d.DispatchDueAsync(CancellationToken.None) > 0) { }
        }
        await Task.WhenAll(Task.Run(() => Drain(a)), Task.Run(() => Drain(b)));

        var refs = vonage.Requests.Select(r => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.BodyText)["client-ref"].ToString()).ToList();
        Assert.Equal(40, refs.Count);
        Assert.Equal(40, refs.Distinct().Count());
        foreach (var id in ids) Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task Enqueue_WithNotBefore_IsNotSentEarly()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var dealer = (await h.Data.AddDealerAsync()).Id;
        var result = await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest("+4915112345678", "Escalation", OutboxPurpose.IncomingCall, dealer, null,
            CallId: Guid.NewGuid(), NotBeforeUtc: TestClock.Start.UtcDateTime.AddSeconds(30)), CancellationToken.None);

        Assert.Equal(0, await h.DispatchOutboxAsync());
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await h.DispatchOutboxAsync());
        Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(result.MessageId!.Value)).Status);
    }

    [Fact]
    public async Task CancelQueuedForCall_BeforeEscalationIsDue_SendsNothing()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var dealer = (await h.Data.AddDealerAsync()).Id;
        var callId = Guid.NewGuid();
        var result = await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest("+4915112345678", "Escalation", OutboxPurpose.IncomingCall, dealer, null,
            CallId: callId, NotBeforeUtc: TestClock.Start.UtcDateTime.AddSeconds(30)), CancellationToken.None);

        Assert.Equal(1, await h.Get<NotificationOutbox>().CancelQueuedForCallAsync(callId, CancellationToken.None));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.DispatchOutboxAsync();

        Assert.Equal(OutboxStatus.Cancelled, (await h.Data.MessageAsync(result.MessageId!.Value)).Status);
        Assert.Empty(vonage.Requests);
    }

    [Theory]
    [InlineData(1, 1000, 2000)]
    [InlineData(3, 4000, 8000)]
    [InlineData(20, 150_000, 300_000)]
    public void Backoff_IsExponentialCappedAndJittered(int attempts, double minMs, double maxMs)
    {
        var random = new Random(42);
        for (var i = 0; i < 100; i++)
        {
            var delay = RetryPolicy.Backoff(attempts, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), random);
            Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
        }
    }

    [Fact]
    public void NextAttempt_WhenProviderAsksForLater_TakesTheProviderTime()
    {
        var now = TestClock.Start.UtcDateTime;

        Assert.Equal(now.AddMinutes(3), RetryPolicy.NextAttempt(now, TimeSpan.FromSeconds(2), TestClock.Start.AddMinutes(3)));
        Assert.Equal(now.AddSeconds(2), RetryPolicy.NextAttempt(now, TimeSpan.FromSeconds(2), TestClock.Start.AddSeconds(1)));
    }
}
