using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Notifications;

/// <summary>
/// Providers misbehaving for a while (compressed on the fake clock): Vonage and SendGrid answering 429, 500 and not at all,
/// push services saying 410 for half the devices. Every message ends once, sent or given up, and none reaches anyone twice.
/// </summary>
public sealed partial class ProviderFaultTests
{
    private enum Step { Ok, Error500, TooMany, Hang }

    /// <summary>What a provider answers to a message's 1st, 2nd, ... attempt; the first seen message gets plan 0, the next plan 1, and so on.</summary>
    private static readonly Step[][] Plans =
    [
        [Step.Ok],
        [Step.Error500, Step.Ok],
        [Step.TooMany, Step.Ok],
        [Step.Hang, Step.Ok],
        [Step.Hang, Step.Error500, Step.TooMany, Step.Ok], // succeeds on the last attempt allowed
        [Step.Error500, Step.Hang, Step.TooMany, Step.Error500], // given up
    ];

    private const int MessagesPerChannel = 12;

    [Fact]
    public async Task VonageAndSendGridAnswering429And500AndTimeouts_EveryMessageEndsSentOrDeadOnce_AndNoneIsSentTwice()
    {
        var hangs = new SemaphoreSlim(0);
        var vonagePlan = new FaultPlan(hangs);
        var sendGridPlan = new FaultPlan(hangs);
        await using var vonage = await StandInServer.StartAsync((req, _, r) =>
            vonagePlan.AnswerAsync(VonageRef().Match(req.BodyText).Groups[1].Value, r, ok => VonageStandIn.Status(ok, "0", "vonage-" + Guid.NewGuid().ToString("N")[..8])));
        await using var sendGrid = await StandInServer.StartAsync((req, _, r) =>
            sendGridPlan.AnswerAsync(Guid.Parse(SendGridRef().Match(req.BodyText).Groups[1].Value).ToString("N"), r, ok =>
            {
                ok.StatusCode = 202;
                ok.Headers["X-Message-Id"] = "sg-" + Guid.NewGuid().ToString("N")[..8];
                return Task.CompletedTask;
            }));
        await using var h = await ServiceHost.StartAsync(o =>
        {
            o.AddSettings(VonageStandIn.Settings(vonage.BaseUri));
            o.AddSettings(SendGridStandIn.Settings(sendGrid.BaseUri));
            o.Settings["Outbox:MaxAttempts"] = "4";
            // One send at a time: moving the clock past a hanging send's timeout must not time out a send that is being answered.
            o.Settings["Outbox:Parallelism"] = "1";
            o.Settings["Outbox:LeaseDuration"] = "00:10:00";
            o.Settings["Outbox:BaseRetryDelay"] = "00:00:01";
            o.Settings["Outbox:MaxRetryDelay"] = "00:00:10";
            o.Settings["Vonage:Timeout"] = "00:00:05";
            o.Settings["Vonage:MaxSendsPerSecond"] = "1000";
            o.Settings["SendGrid:Timeout"] = "00:00:05";
        });
        var outbox = h.Get<NotificationOutbox>();
        for (var i = 0; i < MessagesPerChannel; i++)
        {
            Assert.True((await outbox.EnqueueSmsAsync(new SmsRequest($"+49151400000{i:D2}", $"SMS {i}", OutboxPurpose.Other, null, null), default)).Accepted);
            Assert.True((await outbox.EnqueueEmailAsync(new EmailRequest($"person{i}@example.com", $"Mail {i}", "Text", null, OutboxPurpose.Other, null, null), default)).Accepted);
        }

        // Outbox passes, one after the other as the worker runs them; a provider that does not answer makes the pass wait
        // until the clock passes the sender's timeout. Bounded: 40 passes are far more than 4 attempts need.
        var hang = hangs.WaitAsync();
        for (var pass = 0; pass < 40 && await UnfinishedAsync(h) > 0; pass++)
        {
            var dispatch = h.DispatchOutboxAsync();
            while (await Task.WhenAny(dispatch, hang) == hang)
            {
                h.Time.Advance(TimeSpan.FromSeconds(6));
                hang = hangs.WaitAsync();
            }
            await dispatch;
            h.Time.Advance(TimeSpan.FromSeconds(15)); // past every backoff (at most 10 s) and every Retry-After (2 s)
        }

        await using var db = await h.DbAsync();
        var messages = await db.Outbox.AsNoTracking().ToListAsync();
        Assert.Equal(2 * MessagesPerChannel, messages.Count);
        foreach (var (channel, plan) in new[] { (OutboxChannel.Sms, vonagePlan), (OutboxChannel.Email, sendGridPlan) })
        {
            var mine = messages.Where(m => m.Channel == channel).ToList();
            // Two messages got each plan: the last plan's give up, everything else is sent.
            Assert.Equal(MessagesPerChannel / Plans.Length * (Plans.Length - 1), mine.Count(m => m.Status == OutboxStatus.Sent));
            Assert.Equal(MessagesPerChannel / Plans.Length, mine.Count(m => m.Status == OutboxStatus.Dead));
            foreach (var m in mine)
            {
                var id = m.Id.ToString("N");
                Assert.Equal(m.Attempts, plan.Attempts(id)); // every attempt the outbox counted reached the provider, and no other
                Assert.Equal(m.Status == OutboxStatus.Sent ? 1 : 0, plan.Accepted(id)); // accepted once at most: nobody gets it twice
                if (m.Status == OutboxStatus.Sent) Assert.NotNull(m.ProviderMessageId);
                else Assert.StartsWith("Gave up after 4 attempts", m.LastError);
            }
        }
    }

    [Fact]
    public async Task PushServiceSaying410ForHalfTheDevices_RemovesThoseSubscriptions_AndDeliversTheOtherHalf_ThenAndLater()
    {
        var devices = Enumerable.Range(0, 8).Select(_ => new PushStandIn()).ToList();
        try
        {
            await using var push = await StandInServer.StartAsync((req, _, r) =>
            {
                r.StatusCode = req.Path.Contains("/gone-", StringComparison.Ordinal) ? 410 : 201;
                return Task.CompletedTask;
            });
            await using var h = await ServiceHost.StartAsync();
            string Path(int i) => i % 2 == 0 ? $"push/gone-{i}" : $"push/alive-{i}";
            string User(int i) => i < 4 ? "seller-a" : "seller-b";
            for (var i = 0; i < devices.Count; i++)
                Assert.Equal(SubscribeResult.Stored, await h.Get<PushSubscriptions>().SubscribeAsync(User(i), new Uri(push.BaseUri, Path(i)).ToString(),
                    devices[i].P256dh, devices[i].AuthText, "Chrome", default));

            var first = await RingBothAsync(h, "first");
            await h.DispatchOutboxAsync();
            var second = await RingBothAsync(h, "second");
            await h.DispatchOutboxAsync();

            await using var db = await h.DbAsync();
            Assert.Equal(Enumerable.Range(0, 8).Where(i => i % 2 == 1).Select(Path).Order(),
                (await db.PushSubscriptions.AsNoTracking().ToListAsync()).Select(s => new Uri(s.Endpoint).AbsolutePath.TrimStart('/')).Order());
            Assert.Equal(8, first.Count);
            Assert.Equal(4, second.Count); // the removed devices are no longer sent to
            var messages = await db.Outbox.AsNoTracking().ToListAsync();
            Assert.Equal(12, messages.Count);
            Assert.Equal(4, messages.Count(m => m.Status == OutboxStatus.Failed && m.LastError!.Contains("410", StringComparison.Ordinal)));
            Assert.Equal(8, messages.Count(m => m.Status == OutboxStatus.Sent));
            for (var i = 0; i < devices.Count; i++)
            {
                var received = push.Requests.Where(r => r.Path.EndsWith(Path(i), StringComparison.Ordinal)).ToList();
                if (i % 2 == 0)
                {
                    Assert.Single(received); // told once that it is gone, never asked again
                    continue;
                }
                // Both pushes arrived once each, readable with this device's own keys.
                Assert.Equal(["first", "second"], received.Select(r => devices[i].Open(r).Payload).Select(p => p.Contains("\"first\"") ? "first" : "second"));
            }
        }
        finally
        {
            devices.ForEach(d => d.Dispose());
        }
    }

    private static async Task<List<Guid>> RingBothAsync(ServiceHost h, string title)
    {
        var ids = new List<Guid>();
        foreach (var user in new[] { "seller-a", "seller-b" })
            ids.AddRange(await h.Get<NotificationOutbox>().EnqueuePushAsync(new PushRequest(user, title, "A customer is waiting", "https://app.example/r/x",
                OutboxPurpose.IncomingCall, null, null, Guid.NewGuid()), default));
        return ids;
    }

    private static async Task<int> UnfinishedAsync(ServiceHost h)
    {
        await using var db = await h.DbAsync();
        return await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending);
    }

    [GeneratedRegex("client-ref=([0-9a-f]{32})")]
    private static partial Regex VonageRef();

    [GeneratedRegex("\"outbox_id\":\"([0-9a-f-]{36})\"")]
    private static partial Regex SendGridRef();

    /// <summary>A provider's answers by plan, and what it received and accepted per message id.</summary>
    private sealed class FaultPlan(SemaphoreSlim hangs)
    {
        private readonly ConcurrentDictionary<string, int> _plans = new();
        private readonly ConcurrentDictionary<string, int> _attempts = new();
        private readonly ConcurrentDictionary<string, int> _accepted = new();
        private int _seen;

        public int Attempts(string id) => _attempts.GetValueOrDefault(id);
        public int Accepted(string id) => _accepted.GetValueOrDefault(id);

        public async Task AnswerAsync(string id, HttpResponse response, Func<HttpResponse, Task> accept)
        {
            var plan = Plans[_plans.GetOrAdd(id, _ => (Interlocked.Increment(ref _seen) - 1) % Plans.Length)];
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            switch (plan[Math.Min(attempt, plan.Length) - 1])
            {
                case Step.Ok:
                    _accepted.AddOrUpdate(id, 1, (_, n) => n + 1);
                    await accept(response);
                    break;
                case Step.Error500:
                    response.StatusCode = 500;
                    break;
                case Step.TooMany:
                    response.StatusCode = 429;
                    response.Headers.RetryAfter = "2";
                    break;
                case Step.Hang:
                    hangs.Release();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, response.HttpContext.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        // The sender gave up waiting: this attempt never got an answer.
                    }
                    break;
            }
        }
    }
}
