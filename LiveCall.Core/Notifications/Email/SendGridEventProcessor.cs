using System.Text.Json;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Notifications.Email;

/// <summary>
/// Applies a verified SendGrid event-webhook body: each <c>sg_event_id</c> once; delivered → Delivered,
/// bounce/dropped → Failed with the reason. Other events are recorded and otherwise ignored.
/// </summary>
public sealed partial class SendGridEventProcessor(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    OutboxStatusUpdater updater,
    TimeProvider time,
    ILogger<SendGridEventProcessor> logger)
{
    public const string Provider = "sendgrid";

    /// <summary>Takes an array of events (or a single event); returns how many new events were stored. Throws <see cref="JsonException"/> on malformed JSON.</summary>
    public async Task<int> ProcessAsync(ReadOnlyMemory<byte> rawBody, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(rawBody);
        var root = document.RootElement;
        var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        var stored = 0;
        foreach (var e in events.Where(e => e.ValueKind == JsonValueKind.Object))
        {
            var eventId = Text(e, "sg_event_id");
            var type = Text(e, "event") ?? "";
            if (string.IsNullOrEmpty(eventId) || eventId.Length > 100) continue;
            var messageId = Text(e, "sg_message_id")?.Split('.')[0];
            var outboxId = await updater.FindAsync(OutboxChannel.Email, Text(e, SendGridEmailSender.OutboxIdArg), messageId, cancellationToken);
            if (!await TryRecordAsync(eventId, type, outboxId, cancellationToken)) continue;
            stored++;
            if (outboxId is not { } id) continue;
            switch (type)
            {
                case "delivered":
                    await updater.MarkDeliveredAsync(id, cancellationToken);
                    break;
                case "bounce" or "dropped":
                    var reason = Text(e, "reason") ?? Text(e, "type") ?? "";
                    await updater.MarkFailedAsync(id, $"SendGrid {type}: {reason}", cancellationToken);
                    break;
            }
            LogEvent(id, type);
        }
        return stored;
    }

    private async Task<bool> TryRecordAsync(string eventId, string type, Guid? outboxId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ProcessedWebhookEvents.AnyAsync(p => p.Provider == Provider && p.EventId == eventId, cancellationToken)) return false;
        db.ProcessedWebhookEvents.Add(new ProcessedWebhookEvent(Provider, eventId, type, outboxId, time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // a concurrent delivery of the same event won
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.ToString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid event {EventType} for outbox {MessageId}")]
    private partial void LogEvent(Guid messageId, string eventType);
}
