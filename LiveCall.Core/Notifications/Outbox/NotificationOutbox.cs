using System.Text.Json;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Budgets;
using LiveCall.Core.Notifications.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>
/// The one way to send SMS, email and push: writes durable outbox rows (delivered by the <see cref="OutboxWorker"/>) and wakes
/// the worker. SMS pass the <see cref="SmsGuard"/>, email the <see cref="SendBudgets"/> first; a refused message is kept as
/// <see cref="OutboxStatus.Refused"/> with its reason and reaches no provider.
/// </summary>
public sealed class NotificationOutbox(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    SmsGuard smsGuard,
    SendBudgets budgets,
    IOptions<MessageBudgetsOptions> budgetOptions,
    OutboxSignal signal,
    TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<EnqueueResult> EnqueueSmsAsync(SmsRequest request, CancellationToken cancellationToken) =>
        (await EnqueueSmsAsync([request], cancellationToken))[0];

    /// <summary>
    /// Queues many SMS of one purpose, sender, location and dealer (a ring's sellers) in one transaction past the
    /// <see cref="SmsGuard"/>, whose limits are read once and taken message by message: the same decisions as one enqueue
    /// after the other, for a handful of SQL commands instead of a handful per message.
    /// </summary>
    public Task<IReadOnlyList<EnqueueResult>> EnqueueSmsAsync(IReadOnlyList<SmsRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0) return Task.FromResult<IReadOnlyList<EnqueueResult>>([]);
        var first = requests[0];
        if (requests.Any(r => r.Purpose != first.Purpose || r.LocationId != first.LocationId || r.DealerId != first.DealerId || r.RequestedByUserId != first.RequestedByUserId))
            throw new ArgumentException("One batch of SMS has one purpose, sender, location and dealer (their limits).", nameof(requests));
        var messages = requests.Select(request => new OutboxMessage(OutboxChannel.Sms, request.Purpose, request.ToE164, null, request.Text, null,
            request.DealerId, request.LocationId, Now(), request.NotBeforeUtc)
        {
            UserId = request.RecipientUserId,
            RequestedByUserId = request.RequestedByUserId,
            CallId = request.CallId,
            ExpiresUtc = request.ExpiresUtc,
        }).ToList();
        return EnqueueBatchAsync(messages, async (db, ct) =>
        {
            var allowance = await smsGuard.AllowanceAsync(db, messages.Select(m => m.Recipient).ToList(), first.Purpose, first.RequestedByUserId,
                first.LocationId, first.DealerId, ct);
            return message => allowance.Take(message.Recipient);
        }, cancellationToken);
    }

    public async Task<EnqueueResult> EnqueueEmailAsync(EmailRequest request, CancellationToken cancellationToken) =>
        (await EnqueueEmailsAsync([request], cancellationToken))[0];

    /// <summary>
    /// Queues many emails of one purpose, location and dealer (a ring's sellers) in one transaction: the budgets are read
    /// once and taken message by message, so that the first ones within the budget are queued and the rest refused,
    /// exactly as one enqueue after the other would, for a handful of SQL commands instead of a handful per message.
    /// </summary>
    public Task<IReadOnlyList<EnqueueResult>> EnqueueEmailsAsync(IReadOnlyList<EmailRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0) return Task.FromResult<IReadOnlyList<EnqueueResult>>([]);
        var first = requests[0];
        if (requests.Any(r => r.Purpose != first.Purpose || r.LocationId != first.LocationId || r.DealerId != first.DealerId))
            throw new ArgumentException("One batch of emails has one purpose, location and dealer (their budgets).", nameof(requests));
        var messages = requests.Select(request => new OutboxMessage(OutboxChannel.Email, request.Purpose, request.To.Trim(), request.Subject,
            request.TextBody, request.HtmlBody, request.DealerId, request.LocationId, Now(), request.NotBeforeUtc)
        {
            UserId = request.RecipientUserId,
            RequestedByUserId = request.RequestedByUserId,
            CallId = request.CallId,
            ExpiresUtc = request.ExpiresUtc,
        }).ToList();
        return EnqueueBatchAsync(messages, async (db, ct) =>
        {
            var allowance = await budgets.AllowanceAsync(db, OutboxChannel.Email, first.Purpose, first.LocationId, first.DealerId,
                budgetOptions.Value.Email.GlobalHourly, messages.Count, ct);
            return _ => allowance.Take();
        }, cancellationToken);
    }

    /// <summary>
    /// Counts and writes in one transaction: on SQLite it takes the write lock at its start (BEGIN IMMEDIATE), so no other
    /// instance can add a row between this count and this insert. The gate only spares this process's sends the lock wait.
    /// A refused message is kept with its reason and reaches no provider.
    /// </summary>
    private async Task<IReadOnlyList<EnqueueResult>> EnqueueBatchAsync(IReadOnlyList<OutboxMessage> messages,
        Func<LiveCallDbContext, CancellationToken, Task<Func<OutboxMessage, SendRefusal>>> allowance, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var take = await allowance(db, cancellationToken);
            var refusals = messages.Select(message =>
            {
                var refusal = take(message);
                if (refusal != SendRefusal.None) message.Refuse(refusal);
                return refusal;
            }).ToList();
            await db.InsertAsync(messages, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var results = messages.Zip(refusals, (message, refusal) => new EnqueueResult(refusal == SendRefusal.None ? message.Id : null, refusal)).ToList();
            if (results.Any(r => r.Refusal == SendRefusal.None)) signal.Notify();
            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A look ahead at the email budgets (e.g. before a FollowUp call is created); the enqueue checks again.</summary>
    public async Task<SendRefusal> CheckEmailAsync(OutboxPurpose purpose, Guid? locationId, Guid? dealerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await budgets.CheckAsync(db, OutboxChannel.Email, purpose, locationId, dealerId, budgetOptions.Value.Email.GlobalHourly, cancellationToken);
    }

    /// <summary>Queues one push message per subscribed device of the user; returns their ids (none when no device is subscribed).</summary>
    public async Task<IReadOnlyList<Guid>> EnqueuePushAsync(PushRequest request, CancellationToken cancellationToken) =>
        (await EnqueuePushAsync([request], cancellationToken)).Select(m => m.Id).ToList();

    /// <summary>
    /// The same for many users at once (a ring's sellers): one query for their devices, one save. Returns what was queued
    /// (the message id and whose it is).
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string UserId)>> EnqueuePushAsync(IReadOnlyList<PushRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0) return [];
        var userIds = requests.Select(r => r.UserId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var devices = (await db.PushSubscriptions.Where(s => userIds.Contains(s.UserId)).Select(s => new { s.Id, s.UserId }).ToListAsync(cancellationToken))
            .ToLookup(s => s.UserId, s => s.Id);
        var now = Now();
        var messages = new List<OutboxMessage>();
        foreach (var request in requests)
        {
            if (!devices[request.UserId].Any()) continue;
            var payload = JsonSerializer.Serialize(new PushPayload(request.Title, request.Body, request.Url,
                request.Tag ?? request.CallId?.ToString(), request.CallId) { ActionTitle = request.ActionTitle });
            messages.AddRange(devices[request.UserId].Select(id => new OutboxMessage(OutboxChannel.Push, request.Purpose, id.ToString(), request.Title,
                payload, null, request.DealerId, request.LocationId, now)
            {
                UserId = request.UserId,
                CallId = request.CallId,
                ExpiresUtc = request.ExpiresUtc,
            }));
        }
        if (messages.Count > 0) await SaveAsync(messages, cancellationToken);
        return messages.Select(m => (m.Id, m.UserId!)).ToList();
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
        await db.InsertAsync(messages, cancellationToken);
        signal.Notify();
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
