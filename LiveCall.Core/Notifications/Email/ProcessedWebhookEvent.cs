namespace LiveCall.Core.Notifications.Email;

/// <summary>A provider webhook event already handled (e.g. SendGrid sg_event_id), so a replay changes nothing.</summary>
public sealed class ProcessedWebhookEvent
{
    private ProcessedWebhookEvent() { }

    public ProcessedWebhookEvent(string provider, string eventId, string eventType, Guid? outboxMessageId, DateTime receivedUtc)
    {
        Provider = provider;
        EventId = eventId;
        EventType = eventType.Length > 40 ? eventType[..40] : eventType;
        OutboxMessageId = outboxMessageId;
        ReceivedUtc = receivedUtc;
    }

    public string Provider { get; private set; } = "";
    public string EventId { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public Guid? OutboxMessageId { get; private set; }
    public DateTime ReceivedUtc { get; private set; }
}
