using System.Net;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace LiveCall.Core.Notifications.Email;

/// <summary>
/// Sends email through SendGrid v3 mail/send with the SendGrid package. The outbox id travels in
/// <c>custom_args.outbox_id</c> and comes back in every event. A 429 pauses the whole channel.
/// Click tracking is off: personal links must reach the recipient unchanged.
/// </summary>
public sealed partial class SendGridEmailSender(
    IHttpClientFactory httpClientFactory,
    IOptions<SendGridOptions> options,
    TimeProvider time,
    ILogger<SendGridEmailSender> logger) : IChannelSender
{
    public const string HttpClientName = "SendGrid";
    public const string OutboxIdArg = "outbox_id";

    public OutboxChannel Channel => OutboxChannel.Email;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured) return DeliveryResult.NotConfigured;

        var mail = new SendGridMessage
        {
            From = new EmailAddress(o.FromEmail, o.FromName),
            Subject = message.Subject ?? "",
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
            CustomArgs = new Dictionary<string, string> { [OutboxIdArg] = message.Id.ToString() },
        };
        mail.AddTo(new EmailAddress(message.Recipient));
        mail.SetClickTracking(false, false);

        var client = new SendGridClient(httpClientFactory.CreateClient(HttpClientName),
            new SendGridClientOptions { ApiKey = o.ApiKey, Host = o.BaseUrl });
        using var timeout = new CancellationTokenSource(o.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var response = await client.SendEmailAsync(mail, linked.Token);

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            return DeliveryResult.Sent(id);
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var resetAt = RateLimitHeaders.RetryAt(response.Headers, time.GetUtcNow()) ?? time.GetUtcNow().AddMinutes(1);
            return DeliveryResult.Retry("SendGrid HTTP 429", resetAt, pauseChannel: true);
        }
        if (status >= 500) return DeliveryResult.Retry($"SendGrid HTTP {status}");
        LogRefused(message.Id, status);
        return DeliveryResult.Permanent($"SendGrid HTTP {status}: {await ErrorTextAsync(response, linked.Token)}");
    }

    private static async Task<string> ErrorTextAsync(Response response, CancellationToken cancellationToken)
    {
        var text = response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken);
        return text.Length > 500 ? text[..500] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid refused outbox {MessageId} with HTTP {Status}")]
    private partial void LogRefused(Guid messageId, int status);
}
