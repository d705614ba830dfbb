using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications.Push;

/// <summary>Sends a Web Push outbox message to one stored subscription.</summary>
public interface IPushSender : IChannelSender;
