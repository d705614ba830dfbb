using System.Net;
using System.Net.Http.Json;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// Sends SMS with Vonage's SMS API (<c>POST {BaseUrl}/sms/json</c>, form-encoded). The outbox id goes
/// in <c>client-ref</c> and comes back in delivery receipts.
/// </summary>
public sealed partial class VonageSmsSender(
    IHttpClientFactory httpClientFactory,
    IOptions<VonageOptions> options,
    TimeProvider time,
    ILogger<VonageSmsSender> logger) : IChannelSender
{
    public const string HttpClientName = "Vonage";
    private readonly SendRateLimiter _limiter = new(options.Value.MaxSendsPerSecond, time);

    public OutboxChannel Channel => OutboxChannel.Sms;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured) return DeliveryResult.NotConfigured;
        await _limiter.WaitAsync(cancellationToken);

        var form = new Dictionary<string, string>
        {
            ["api_key"] = o.ApiKey!,
            ["api_secret"] = o.ApiSecret!,
            ["from"] = o.From!,
            ["to"] = message.Recipient.TrimStart('+'),
            ["text"] = message.TextBody,
            ["client-ref"] = message.Id.ToString("N"),
        };
        if (!SmsSegments.IsGsm7(message.TextBody)) form["type"] = "unicode"; // Vonage: "text" for the GSM alphabet (umlauts included)

        using var timeout = new CancellationTokenSource(o.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var client = httpClientFactory.CreateClient(HttpClientName);
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri(new Uri(o.BaseUrl.TrimEnd('/') + "/"), "sms/json"), content, linked.Token);

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            return DeliveryResult.Retry("Vonage HTTP 429", RateLimitHeaders.RetryAt(response.Headers, time.GetUtcNow()));
        if ((int)response.StatusCode >= 500)
            return DeliveryResult.Retry($"Vonage HTTP {(int)response.StatusCode}");
        if (!response.IsSuccessStatusCode)
            return DeliveryResult.Permanent($"Vonage HTTP {(int)response.StatusCode}");

        var body = await response.Content.ReadFromJsonAsync<VonageSendResponse>(linked.Token);
        var first = body?.Messages?.FirstOrDefault();
        if (first is null) return DeliveryResult.Retry("Vonage answered without a message status");
        var result = VonageStatus.ToResult(first.Status, first.ErrorText, first.MessageId);
        if (result.Outcome != DeliveryOutcome.Sent) LogRefused(message.Id, first.Status);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vonage refused outbox {MessageId} with status {Status}")]
    private partial void LogRefused(Guid messageId, string? status);
}
