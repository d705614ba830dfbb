using LiveCall.Core.Notifications.Budgets;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Core.Notifications.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCall.Core.Notifications;

/// <summary>
/// The notification services without any web endpoint: options (validated at start), the three
/// channel senders, the outbox and its worker. The app adds the webhooks on top
/// (<c>LiveCall.App.Notifications.NotificationsExtensions</c>); the benchmark uses this alone.
/// Needs <c>IDbContextFactory&lt;LiveCallDbContext&gt;</c>.
/// </summary>
public static class NotificationServices
{
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section);
        services.AddValidatedOptions<VonageOptions>(VonageOptions.Section);
        services.AddValidatedOptions<SendGridOptions>(SendGridOptions.Section);
        services.AddValidatedOptions<WebPushOptions>(WebPushOptions.Section);
        services.AddValidatedOptions<SmsLimitsOptions>(SmsLimitsOptions.Section);
        services.AddValidatedOptions<MessageBudgetsOptions>(MessageBudgetsOptions.Section);

        services.AddHttpClient(VonageSmsSender.HttpClientName);
        services.AddHttpClient(SendGridEmailSender.HttpClientName);
        services.AddHttpClient(WebPushSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PushEndpointPolicy>().CreateHandler());

        services.AddSingleton<IChannelSender, VonageSmsSender>();
        services.AddSingleton<IChannelSender, SendGridEmailSender>();
        services.AddSingleton<IChannelSender, WebPushSender>();

        services.AddSingleton<ChannelPauses>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxStatusUpdater>();
        services.AddSingleton<SmsGuard>();
        services.AddSingleton<SendBudgets>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<VonageDeliveryReceipts>();
        services.AddSingleton<SendGridEventProcessor>();
        services.AddSingleton<VapidKeyStore>();
        services.AddSingleton<PushEndpointPolicy>();
        services.AddSingleton<PushSubscriptions>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
