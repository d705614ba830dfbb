using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications;

/// <summary>An SMS to queue. <paramref name="ToE164"/> must already be normalised (see PhoneNormalizer).</summary>
/// <param name="RecipientUserId">The staff user it is addressed to, if any.</param>
/// <param name="RequestedByUserId">The staff user whose action sends it (counted for the per-user cap).</param>
/// <param name="ExpiresUtc">Not sent after this (a ring alert is worthless once the ring is over); see <see cref="Outbox.OutboxMessage.ExpiresUtc"/>.</param>
public sealed record SmsRequest(
    string ToE164,
    string Text,
    OutboxPurpose Purpose,
    Guid? DealerId,
    Guid? LocationId,
    string? RecipientUserId = null,
    string? RequestedByUserId = null,
    Guid? CallId = null,
    DateTime? NotBeforeUtc = null,
    DateTime? ExpiresUtc = null);
