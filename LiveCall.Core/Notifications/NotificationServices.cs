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

        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .Validate(o => o.IsValid(), "Outbox: durations must be positive, MaxAttempts/BatchSize/Parallelism at least 1.").ValidateOnStart();
        services.AddOptions<VonageOptions>().BindConfiguration(VonageOptions.Section)
            .Validate(o => o.IsValid(), "Vonage: ApiSecret and From are required with ApiKey; BaseUrl must be an absolute URL; SignatureMethod md5hash|md5|sha1|sha256|sha512.").ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.Section)
            .Validate(o => o.IsValid(), "SendGrid: FromEmail is required with ApiKey; BaseUrl must be an absolute URL; WebhookPublicKey must be a base64 public key.").ValidateOnStart();
        services.AddOptions<WebPushOptions>().BindConfiguration(WebPushOptions.Section)
            .Validate(o => o.IsValid(), "WebPush: Subject must be a mailto: or https: URI; TokenLifetime at most 24 hours.").ValidateOnStart();
        services.AddOptions<SmsLimitsOptions>().BindConfiguration(SmsLimitsOptions.Section)
            .Validate(o => o.IsValid(), "SmsLimits: caps must not be negative; AllowedCountries are two-letter codes.").ValidateOnStart();

        services.AddHttpClient(VonageSmsSender.HttpClientName);
        services.AddHttpClient(SendGridEmailSender.HttpClientName);
        services.AddHttpClient(WebPushSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PushEndpointPolicy>().CreateHandler());

        services.AddSingleton<ISmsSender, VonageSmsSender>();
        services.AddSingleton<IEmailSender, SendGridEmailSender>();
        services.AddSingleton<IPushSender, WebPushSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<ISmsSender>());
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<IEmailSender>());
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<IPushSender>());

        services.AddSingleton<ChannelPauses>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxStatusUpdater>();
        services.AddSingleton<SmsGuard>();
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
