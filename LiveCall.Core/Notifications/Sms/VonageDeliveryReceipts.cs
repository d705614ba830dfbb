using System.Globalization;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Sms;

public enum ReceiptOutcome { Applied, Ignored, BadSignature }

/// <summary>
/// Handles Vonage SMS delivery receipts: verifies the signature, then updates the outbox. Without a signature secret
/// receipts are refused, unless <see cref="VonageOptions.AcceptUnsignedReceipts"/> (Development only) says otherwise.
/// </summary>
public sealed partial class VonageDeliveryReceipts(
    OutboxStatusUpdater updater,
    IOptions<VonageOptions> options,
    TimeProvider time,
    ILogger<VonageDeliveryReceipts> logger)
{
    /// <param name="parameters">The receipt's fields, from the query string, a form or JSON.</param>
    public async Task<ReceiptOutcome> HandleAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.SignatureSecret) ? !o.AcceptUnsignedReceipts : !IsSignedAndFresh(parameters, o))
        {
            LogBadSignature();
            return ReceiptOutcome.BadSignature;
        }

        var clientRef = parameters.GetValueOrDefault("client-ref");
        var messageId = parameters.GetValueOrDefault("messageId") ?? parameters.GetValueOrDefault("message-id");
        var id = await updater.FindAsync(OutboxChannel.Sms, clientRef, messageId, cancellationToken);
        if (id is null) return ReceiptOutcome.Ignored;

        var status = parameters.GetValueOrDefault("status")?.ToLowerInvariant();
        var errCode = parameters.GetValueOrDefault("err-code");
        var applied = status switch
        {
            "delivered" => await updater.MarkDeliveredAsync(id.Value, cancellationToken),
            "failed" or "rejected" or "expired" =>
                await updater.MarkFailedAsync(id.Value, $"Vonage receipt: {status} (err-code {errCode})", cancellationToken),
            _ => false,
        };
        LogReceipt(id.Value, status);
        return applied ? ReceiptOutcome.Applied : ReceiptOutcome.Ignored;
    }

    private bool IsSignedAndFresh(IReadOnlyDictionary<string, string> parameters, VonageOptions o)
    {
        if (!VonageSignature.Verify(parameters, o.SignatureSecret!, o.SignatureMethod)) return false;
        if (!parameters.TryGetValue("timestamp", out var ts)
            || !long.TryParse(ts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix)) return false;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unix);
        return age.Duration() <= o.SignatureMaxAge;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vonage delivery receipt refused: no, bad or stale signature (or no Vonage:SignatureSecret configured)")]
    private partial void LogBadSignature();

    [LoggerMessage(Level = LogLevel.Information, Message = "Vonage delivery receipt for outbox {MessageId}: {Status}")]
    private partial void LogReceipt(Guid messageId, string? status);
}
