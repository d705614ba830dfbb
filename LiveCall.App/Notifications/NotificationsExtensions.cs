using LiveCall.App.Infrastructure;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Sms;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Notifications;

/// <summary>
/// Registers SMS (Vonage), email (SendGrid) and Web Push delivery over the durable outbox
/// (<see cref="NotificationServices.AddNotificationDelivery"/>) and maps their webhooks and push endpoints.
/// Needs <c>IDbContextFactory&lt;LiveCallDbContext&gt;</c>. Channels without credentials keep their
/// messages as "not sent" for the Outbox page, so zero configuration works.
/// </summary>
public static class NotificationsExtensions
{
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddNotificationDelivery();
        builder.Services.AddSingleton<IValidateOptions<VonageOptions>, UnsignedReceiptsOnlyInDevelopment>();
        builder.Services.AddSingleton<OutboxQueries>();
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        var webhooks = app.MapGroup("/webhooks").AllowAnonymous().DisableAntiforgery();
        webhooks.MapMethods("/vonage/delivery-receipt", ["GET", "POST"], VonageWebhook.HandleAsync).WithBodyLimit(VonageWebhook.MaxBodyBytes);
        webhooks.MapPost("/sendgrid/events", SendGridWebhook.HandleAsync).WithBodyLimit(SendGridWebhook.MaxBodyBytes);

        app.MapGet("/api/push/public-key", PushEndpoints.GetPublicKeyAsync).AllowAnonymous();
        var push = app.MapGroup("/api/push").RequireAuthorization().WithBodyLimit(PushEndpoints.MaxBodyBytes);
        push.MapPost("/subscriptions", PushEndpoints.SubscribeAsync);
        push.MapPost("/subscriptions/remove", PushEndpoints.UnsubscribeAsync);
        push.MapPost("/subscriptions/status", PushEndpoints.StatusAsync);
        return app;
    }
}
