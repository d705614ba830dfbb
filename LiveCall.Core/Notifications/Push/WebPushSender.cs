using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Push;

/// <summary>
/// Sends one outbox message to one push subscription (RFC 8030) with aes128gcm encryption
/// (RFC 8291) and VAPID (RFC 8292). The outbox id is the <c>Topic</c>, so a retry replaces a copy
/// still waiting at the push service instead of adding a second notification.
/// </summary>
public sealed partial class WebPushSender(
    IHttpClientFactory httpClientFactory,
    IDbContextFactory<LiveCallDbContext> dbFactory,
    VapidKeyStore keyStore,
    PushEndpointPolicy policy,
    IOptions<WebPushOptions> options,
    TimeProvider time,
    ILogger<WebPushSender> logger) : IChannelSender
{
    public const string HttpClientName = "WebPush";

    public OutboxChannel Channel => OutboxChannel.Push;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var subscription = await FindSubscriptionAsync(message.Recipient, cancellationToken);
        if (subscription is null) return DeliveryResult.Permanent("Push subscription no longer exists");
        var endpoint = new Uri(subscription.Endpoint);
        if (!policy.IsAllowed(endpoint)) return DeliveryResult.Permanent("Push endpoint is not an allowed push service");

        var keys = await keyStore.GetAsync(cancellationToken);
        string jwt;
        using (var signingKey = keyStore.CreateSigningKey(keys))
            jwt = VapidToken.CreateJwt(VapidToken.Audience(endpoint), time.GetUtcNow() + o.TokenLifetime, o.Subject, signingKey);
        var body = WebPushEncryptor.Encrypt(Encoding.UTF8.GetBytes(message.TextBody),
            Base64Url.DecodeFromChars(subscription.P256dh), Base64Url.DecodeFromChars(subscription.Auth));

        var incoming = message.Purpose == OutboxPurpose.IncomingCall;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("Authorization", VapidToken.AuthorizationHeader(jwt, keys.PublicKey));
        request.Headers.Add("TTL", ((long)(incoming ? o.IncomingCallTtl : o.DefaultTtl).TotalSeconds).ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Urgency", incoming ? "high" : "normal");
        request.Headers.Add("Topic", message.Id.ToString("N"));

        using var timeout = new CancellationTokenSource(o.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, linked.Token);
        return await InterpretAsync(message, subscription, response, cancellationToken);
    }

    private async Task<DeliveryResult> InterpretAsync(OutboxMessage message, PushSubscription subscription, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case var _ when response.IsSuccessStatusCode:
                return DeliveryResult.Sent(response.Headers.Location?.OriginalString is { Length: > 0 and <= 200 } location ? location : null);
            case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                await DeleteSubscriptionAsync(subscription.Id, ct);
                LogSubscriptionGone(subscription.Id, status);
                return DeliveryResult.Permanent($"Push subscription expired (HTTP {status}); removed");
            case HttpStatusCode.TooManyRequests:
                return DeliveryResult.Retry("Push service HTTP 429", RateLimitHeaders.RetryAt(response.Headers, time.GetUtcNow()));
            case HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestEntityTooLarge:
                var reason = await ReasonAsync(response, ct);
                LogOurFault(message.Id, subscription.Id, status, reason ?? "-");
                return DeliveryResult.Permanent($"Push service refused our request (HTTP {status}{(reason is null ? "" : " " + reason)})");
            case var _ when status >= 500:
                return DeliveryResult.Retry($"Push service HTTP {status}");
            default:
                return DeliveryResult.Permanent($"Push service HTTP {status}");
        }
    }

    /// <summary>Apple's push service says why in a JSON body, e.g. <c>{"reason":"BadJwtToken"}</c>: that word, if any.</summary>
    private static async Task<string?> ReasonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        const int limit = 1024;
        if (response.Content.Headers.ContentLength > limit) return null;
        var buffer = new byte[limit + 1];
        var length = 0;
        await using (var stream = await response.Content.ReadAsStreamAsync(ct))
            while (length < buffer.Length && await stream.ReadAsync(buffer.AsMemory(length), ct) is > 0 and var read) length += read;
        if (length is 0 or > limit) return null;
        try
        {
            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out var reason)
                && reason.ValueKind == JsonValueKind.String && reason.GetString() is { } text && ReasonPattern().IsMatch(text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z]{1,64}$")]
    private static partial Regex ReasonPattern();

    private async Task<PushSubscription?> FindSubscriptionAsync(string recipient, CancellationToken ct)
    {
        if (!Guid.TryParse(recipient, out var id)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    private async Task DeleteSubscriptionAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PushSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Push subscription {SubscriptionId} is gone (HTTP {Status}); deleted")]
    private partial void LogSubscriptionGone(Guid subscriptionId, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Push service refused outbox {MessageId} for subscription {SubscriptionId} with HTTP {Status} ({Reason}): check VAPID keys, subject and payload (our fault); subscription kept")]
    private partial void LogOurFault(Guid messageId, Guid subscriptionId, int status, string reason);
}
