using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Sms;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>The development sender for a channel without credentials: marks messages not sent.</summary>
public sealed class UnconfiguredSender(OutboxChannel channel) : ISmsSender, IEmailSender
{
    public OutboxChannel Channel => channel;

    public Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.NotConfigured);
}
