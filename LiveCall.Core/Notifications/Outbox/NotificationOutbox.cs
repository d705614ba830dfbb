using System.Text.Json;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Sms;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>
/// The one way to send SMS, email and push: writes durable outbox rows (delivered by the
/// <see cref="OutboxWorker"/>) and wakes the worker. SMS pass the <see cref="SmsGuard"/> first.
/// </summary>
public sealed class NotificationOutbox(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    SmsGuard smsGuard,
    OutboxSignal signal,
    TimeProvider time)
{
    private readonly SemaphoreSlim _smsGate = new(1, 1);

    /// <summary>Queues an SMS unless a limit refuses it; a refused SMS is not stored and reaches no provider.</summary>
    public async Task<SmsEnqueueResult> EnqueueSmsAsync(SmsRequest request, CancellationToken cancellationToken)
    {
        // Serialised so that two sends in this process cannot both slip under a cap.
        await _smsGate.WaitAsync(cancellationToken);
        try
        {
            var refusal = await smsGuard.CheckAsync(request.ToE164, request.RequestedByUserId, request.LocationId, request.DealerId, cancellationToken);
            if (refusal != SmsRefusal.None) return new SmsEnqueueResult(null, refusal);
            var message = new OutboxMessage(OutboxChannel.Sms, request.Purpose, request.ToE164, null, request.Text, null,
                request.DealerId, request.LocationId, Now(), request.NotBeforeUtc)
            {
                UserId = request.RecipientUserId,
                RequestedByUserId = request.RequestedByUserId,
                CallId = request.CallId,
                ExpiresUtc = request.ExpiresUtc,
            };
            await SaveAsync([message], cancellationToken);
            return new SmsEnqueueResult(message.Id, SmsRefusal.None);
        }
        finally
        {
            _smsGate.Release();
        }
    }

    public async Task<Guid> EnqueueEmailAsync(EmailRequest request, CancellationToken cancellationToken)
    {
        var message = new OutboxMessage(OutboxChannel.Email, request.Purpose, request.To.Trim(), request.Subject, request.TextBody,
            request.HtmlBody, request.DealerId, request.LocationId, Now(), request.NotBeforeUtc)
        {
            UserId = request.RecipientUserId,
            RequestedByUserId = request.RequestedByUserId,
            CallId = request.CallId,
            ExpiresUtc = request.ExpiresUtc,
        };
        await SaveAsync([message], cancellationToken);
        return message.Id;
    }

    /// <summary>Queues one push message per subscribed device of the user; returns their ids (none when no device is subscribed).</summary>
    public async Task<IReadOnlyList<Guid>> EnqueuePushAsync(PushRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscriptionIds = await db.PushSubscriptions.Where(s => s.UserId == request.UserId).Select(s => s.Id).ToListAsync(cancellationToken);
        var payload = JsonSerializer.Serialize(new PushPayload(request.Title, request.Body, request.Url,
            request.Tag ?? request.CallId?.ToString(), request.CallId) { ActionTitle = request.ActionTitle });
        var now = Now();
        var messages = subscriptionIds.Select(id => new OutboxMessage(OutboxChannel.Push, request.Purpose, id.ToString(), request.Title,
            payload, null, request.DealerId, request.LocationId, now)
        {
            UserId = request.UserId,
            CallId = request.CallId,
            ExpiresUtc = request.ExpiresUtc,
        }).ToList();
        if (messages.Count > 0) await SaveAsync(messages, cancellationToken);
        return messages.Select(m => m.Id).ToList();
    }

    /// <summary>Withdraws the call's messages that no worker has picked up yet (e.g. the call was answered before an escalation).</summary>
    public async Task<int> CancelQueuedForCallAsync(Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.Where(m => m.CallId == callId && m.Status == OutboxStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
    }

    /// <summary>Withdraws the queued messages of one call to one staff user (that seller declined; the others ring on).</summary>
    public async Task<int> CancelQueuedForCallRecipientAsync(Guid callId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Outbox.Where(m => m.CallId == callId && m.UserId == userId && m.Status == OutboxStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
    }

    private async Task SaveAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
