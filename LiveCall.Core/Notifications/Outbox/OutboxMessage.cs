namespace LiveCall.Core.Notifications.Outbox;

public enum OutboxChannel { Email = 0, Sms = 1, Push = 2 }

public enum OutboxStatus
{
    /// <summary>Waiting for the worker (also between retries).</summary>
    Queued = 0,
    /// <summary>Claimed by a worker holding a lease.</summary>
    Sending = 1,
    /// <summary>Accepted by the provider.</summary>
    Sent = 2,
    /// <summary>The provider reported delivery.</summary>
    Delivered = 3,
    /// <summary>Permanently refused (by the provider or a limit); the reason is in LastError.</summary>
    Failed = 4,
    /// <summary>Gave up after the maximum number of attempts.</summary>
    Dead = 5,
    /// <summary>No provider configured for the channel: kept for the Outbox page only.</summary>
    NotSent = 6,
    /// <summary>Withdrawn before sending (e.g. the call was answered before an escalation was due).</summary>
    Cancelled = 7,
    /// <summary>Never queued: a limit or budget refused it; the reason is in <see cref="OutboxMessage.Refusal"/>. Not counted against budgets.</summary>
    Refused = 8,
}

/// <summary>What a message is for; tells the Outbox page whether it carries a personal link.</summary>
/// <summary>
/// What a message is for. <see cref="IncomingCall"/> is a ring alert with an accept link: it goes out only while its call
/// still rings. <see cref="RingOutcome"/> replaces a delivered alert ("Answered by", "Missed call") after the ring.
/// </summary>
public enum OutboxPurpose { Activation = 0, PasswordReset = 1, IncomingCall = 2, FollowUpInvitation = 3, RingOutcome = 4, Other = 9 }

/// <summary>One outgoing SMS, email or push, durable until delivered or given up.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(OutboxChannel channel, OutboxPurpose purpose, string recipient, string? subject, string textBody, string? htmlBody,
        Guid? dealerId, Guid? locationId, DateTime createdUtc, DateTime? notBeforeUtc = null)
    {
        Id = Guid.NewGuid();
        Channel = channel;
        Purpose = purpose;
        Recipient = recipient;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        DealerId = dealerId;
        LocationId = locationId;
        CreatedUtc = createdUtc;
        NextAttemptUtc = notBeforeUtc ?? createdUtc;
        Status = OutboxStatus.Queued;
    }

    public Guid Id { get; private set; }
    public OutboxChannel Channel { get; private set; }
    public OutboxPurpose Purpose { get; private set; }
    public OutboxStatus Status { get; set; }
    /// <summary>E-mail address, E.164 number, or push subscription id.</summary>
    public string Recipient { get; private set; } = "";
    public string? Subject { get; private set; }
    public string TextBody { get; private set; } = "";
    public string? HtmlBody { get; private set; }
    public Guid? DealerId { get; private set; }
    public Guid? LocationId { get; private set; }
    /// <summary>The call this message belongs to, if any.</summary>
    public Guid? CallId { get; set; }
    /// <summary>The staff user this message is addressed to, if any.</summary>
    public string? UserId { get; set; }
    /// <summary>The staff user whose action caused this message (e.g. the seller sending a FollowUp invitation).</summary>
    public string? RequestedByUserId { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? LeaseUntilUtc { get; set; }
    public string? LeaseOwner { get; set; }
    public string? LastError { get; set; }
    public string? ProviderMessageId { get; set; }
    public DateTime? SentUtc { get; set; }
    public DateTime? DeliveredUtc { get; set; }
    /// <summary>
    /// Withdrawn instead of sent when no worker got to it before this moment (a ring alert after the ring's end, e.g. when
    /// the app was down). Null: no expiry.
    /// </summary>
    public DateTime? ExpiresUtc { get; set; }
    /// <summary>Why a limit or budget refused this message (<see cref="OutboxStatus.Refused"/>); null for every other status.</summary>
    public SendRefusal? Refusal { get; private set; }

    /// <summary>Keeps the message as refused instead of queued: it reaches no provider and the Outbox page says why.</summary>
    public void Refuse(SendRefusal refusal)
    {
        Status = OutboxStatus.Refused;
        Refusal = refusal;
    }

    /// <summary>Messages with a personal sign-in or join link.</summary>
    public bool CarriesPersonalLink => Purpose is OutboxPurpose.Activation or OutboxPurpose.PasswordReset
        or OutboxPurpose.IncomingCall or OutboxPurpose.FollowUpInvitation;
}
