using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications.Email;

/// <summary>Sends an email outbox message (SendGrid in production, not-sent without credentials).</summary>
public interface IEmailSender : IChannelSender;
