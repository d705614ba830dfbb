using LiveCall.Core.Calls;
using LiveCall.Core.Calls.FollowUp;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Infrastructure;

/// <summary>Personal data goes when its time is up; what the statistics count, and what is still to be sent, stays.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Sweep_RemovesContactsMessageBodiesAndWebhookEventsPastTheirTime_AndKeepsTheRest()
    {
        await using var h = await ServiceHost.StartAsync();
        var downtown = await h.Data.LocationAsync("downtown");
        var outbox = h.Get<NotificationOutbox>();
        var start = h.Time.GetUtcNow();

        // 100 days ago: a call with its customer's contact, a callback request, a sent and a queued email, a webhook event.
        var oldCall = await h.Data.AddCallAsync(downtown.Id, start, answeredAfter: TimeSpan.FromSeconds(10), duration: TimeSpan.FromMinutes(5));
        await h.Data.AddCustomerAsync(oldCall.Id, "Olga Old", InvitationChannel.Sms, "+4915111111111");
        var oldSent = (await outbox.EnqueueEmailAsync(Email("olga@old.test"), default)).MessageId!.Value;
        var oldQueued = (await outbox.EnqueueEmailAsync(Email("still@queued.test"), default)).MessageId!.Value;
        await using (var db = await h.DbAsync())
        {
            db.CallbackRequests.Add(new CallbackRequest(downtown.DealerId, downtown.Id, null, "Old Caller", "+4915122222222", "old@caller.test", "call me", start.UtcDateTime));
            db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent("sendgrid", "old-event", "delivered", oldSent, start.UtcDateTime));
            await db.SaveChangesAsync();
            await db.Outbox.Where(m => m.Id == oldSent).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
            await db.Calls.Where(c => c.Id == oldCall.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerContactKey, "hash-of-a-phone-number"));
        }
        h.Time.Advance(TimeSpan.FromDays(100));
        var now = h.Time.GetUtcNow();
        // Recent: the same once more.
        var newCall = await h.Data.AddCallAsync(downtown.Id, now.AddDays(-10), answeredAfter: TimeSpan.FromSeconds(10), duration: TimeSpan.FromMinutes(5));
        await h.Data.AddCustomerAsync(newCall.Id, "Rita Recent", InvitationChannel.Email, "rita@recent.test");
        var newSent = (await outbox.EnqueueEmailAsync(Email("rita@recent.test"), default)).MessageId!.Value;
        await using (var db = await h.DbAsync())
        {
            db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent("sendgrid", "new-event", "delivered", newSent, now.UtcDateTime));
            await db.SaveChangesAsync();
            await db.Outbox.Where(m => m.Id == newSent).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent));
        }
        var answeredBefore = await AnsweredAsync(h);

        var result = await h.Get<RetentionSweep>().SweepAsync(default);
        var again = await h.Get<RetentionSweep>().SweepAsync(default);

        Assert.Equal(new RetentionResult(1, 1, 1, 1), result);
        Assert.Equal(new RetentionResult(0, 0, 0, 0), again);
        var old = (await h.Data.CallAsync(oldCall.Id)).Participants.Single(p => p.Kind == ParticipantKind.Customer);
        Assert.Equal((RetentionSweep.RemovedName, (string?)null), (old.DisplayName, old.InvitedContact));
        var recent = (await h.Data.CallAsync(newCall.Id)).Participants.Single(p => p.Kind == ParticipantKind.Customer);
        Assert.Equal(("Rita Recent", "rita@recent.test"), (recent.DisplayName, recent.InvitedContact));
        await using var check = await h.DbAsync();
        var callback = await check.CallbackRequests.AsNoTracking().SingleAsync(r => r.CreatedUtc == start.UtcDateTime);
        Assert.Equal((RetentionSweep.RemovedName, (string?)null, (string?)null, (string?)null), (callback.Name, callback.Phone, callback.Email, callback.Note));
        var sentLongAgo = await check.Outbox.AsNoTracking().SingleAsync(m => m.Id == oldSent);
        Assert.Equal(("", "", (string?)null), (sentLongAgo.Recipient, sentLongAgo.TextBody, sentLongAgo.HtmlBody));
        Assert.Equal("still@queued.test", (await check.Outbox.AsNoTracking().SingleAsync(m => m.Id == oldQueued)).Recipient);
        Assert.Equal("rita@recent.test", (await check.Outbox.AsNoTracking().SingleAsync(m => m.Id == newSent)).Recipient);
        Assert.Equal(["new-event"], await check.ProcessedWebhookEvents.Select(e => e.EventId).ToListAsync());
        Assert.Null((await check.Calls.AsNoTracking().SingleAsync(c => c.Id == oldCall.Id)).CustomerContactKey);
        Assert.Equal(answeredBefore, await AnsweredAsync(h));
    }

    private static EmailRequest Email(string to) => new(to, "Your call", "Hello, the link: https://livecall.test/j/secret", "<p>Hello</p>", OutboxPurpose.Other, null, null);

    private static async Task<int> AnsweredAsync(ServiceHost h)
    {
        await using var db = await h.DbAsync();
        return await db.Calls.CountAsync(c => c.AcceptedUtc != null);
    }
}
