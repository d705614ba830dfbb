namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Delivers one outbox message over one channel. Never throws for provider answers.</summary>
public interface IChannelSender
{
    OutboxChannel Channel { get; }

    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
