using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Notifications.Outbox;

public sealed record OutboxRow(Guid Id, OutboxChannel Channel, OutboxPurpose Purpose, OutboxStatus Status, string Recipient, string? Subject,
    string Body, DateTime CreatedUtc, DateTime? SentUtc, int Attempts, string? LastError, SendRefusal? Refusal = null);

/// <summary>The admin Outbox page's reading side, scoped like everything else.</summary>
public sealed class OutboxQueries(IDbContextFactory<LiveCallDbContext> dbFactory)
{
    public const string HiddenBody = "\u0000hidden";

    public async Task<Page<OutboxRow>> ListAsync(TenantScope scope, string? search, OutboxChannel? channel, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Outbox.VisibleTo(scope);
        if (channel is { } c) query = query.Where(m => m.Channel == c);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            query = query.Where(m => m.Recipient.ToLower().Contains(s) || (m.Subject != null && m.Subject.ToLower().Contains(s)));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(m => m.CreatedUtc).Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<OutboxRow>(rows.Select(m => new OutboxRow(m.Id, m.Channel, m.Purpose, m.Status, m.Recipient, m.Subject,
            // A personal link that a provider delivered is the recipient's alone: it is shown only while the message was never sent.
            m.CarriesPersonalLink && m.Status is not (OutboxStatus.NotSent or OutboxStatus.Queued or OutboxStatus.Refused) ? HiddenBody : m.TextBody,
            m.CreatedUtc, m.SentUtc, m.Attempts, m.LastError, m.Refusal)).ToList(), total);
    }
}
