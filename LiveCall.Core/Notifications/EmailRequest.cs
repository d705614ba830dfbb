using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications;

/// <summary>An email to queue; render the bodies with <see cref="Email.EmailTemplateRenderer"/>.</summary>
public sealed record EmailRequest(
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    OutboxPurpose Purpose,
    Guid? DealerId,
    Guid? LocationId,
    string? RecipientUserId = null,
    string? RequestedByUserId = null,
    Guid? CallId = null,
    DateTime? NotBeforeUtc = null,
    DateTime? ExpiresUtc = null);
