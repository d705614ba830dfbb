using System.Globalization;
using System.Text.Json;
using LiveCall.Core.Notifications.Email;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Notifications;

/// <summary>SendGrid's signed event webhook: the signature is checked on the raw body before anything is parsed.</summary>
internal static class SendGridWebhook
{
    /// <summary>SendGrid batches events; a batch stays well under this.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static async Task<IResult> HandleAsync(HttpRequest request, IOptions<SendGridOptions> options, SendGridEventProcessor processor,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.WebhookPublicKey)) return Results.Unauthorized();
        var body = await ReadBodyAsync(request, cancellationToken);

        var timestamp = request.Headers[SendGridWebhookVerifier.TimestampHeader].ToString();
        var signature = request.Headers[SendGridWebhookVerifier.SignatureHeader].ToString();
        if (!IsFresh(timestamp, time.GetUtcNow(), o.WebhookMaxAge)
            || !SendGridWebhookVerifier.Verify(o.WebhookPublicKey, timestamp, body, signature))
            return Results.Unauthorized();

        try
        {
            await processor.ProcessAsync(body, cancellationToken);
            return Results.Ok();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
    }

    private static bool IsFresh(string timestamp, DateTimeOffset now, TimeSpan maxAge) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
        && unix < 253402300799
        && (now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() <= maxAge;

    /// <summary>The raw body; the server stops reading at <see cref="MaxBodyBytes"/> (the endpoint then answers 413).</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
