using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>Sends an SMS outbox message (Vonage in production, not-sent without credentials).</summary>
public interface ISmsSender : IChannelSender;
