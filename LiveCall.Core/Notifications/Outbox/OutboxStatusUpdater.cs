using LiveCall.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Applies provider reports (webhooks) to outbox rows; a report never moves a message backwards.</summary>
public sealed class OutboxStatusUpdater(IDbContextFactory<LiveCallDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Finds the message by outbox id (our idempotency key) or, failing that, the provider's message id.</summary>
    public async Task<Guid?> FindAsync(OutboxChannel channel, string? outboxId, string? providerMessageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (Guid.TryParse(outboxId, out var id))
            return await db.Outbox.Where(m => m.Id == id && m.Channel == channel).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(providerMessageId)) return null;
        return await db.Outbox.Where(m => m.ProviderMessageId == providerMessageId && m.Channel == channel)
            .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The message while a report may still change it (not yet delivered, failed, dead or cancelled).</summary>
    private static IQueryable<OutboxMessage> NotFinal(LiveCallDbContext db, Guid id) =>
        db.Outbox.Where(m => m.Id == id && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Queued));

    public async Task<bool> MarkDeliveredAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await NotFinal(db, id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Delivered)
                .SetProperty(m => m.DeliveredUtc, now), cancellationToken) == 1;
    }

    public async Task<bool> MarkFailedAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var error = reason.Length > 1000 ? reason[..1000] : reason;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await NotFinal(db, id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.LastError, error), cancellationToken) == 1;
    }
}
