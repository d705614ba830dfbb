using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications;

/// <summary>A browser notification for every push subscription (device) of one staff user.</summary>
/// <param name="Url">Opened when the notification is clicked (e.g. the accept-call link).</param>
/// <param name="ActionTitle">The label of an "Accept" button on the notification, in the recipient's language.</param>
/// <param name="Tag">Notifications with the same tag replace each other on the device (e.g. the call id).</param>
public sealed record PushRequest(
    string UserId,
    string Title,
    string Body,
    string? Url,
    OutboxPurpose Purpose,
    Guid? DealerId,
    Guid? LocationId,
    Guid? CallId = null,
    string? Tag = null,
    string? ActionTitle = null,
    DateTime? ExpiresUtc = null);
