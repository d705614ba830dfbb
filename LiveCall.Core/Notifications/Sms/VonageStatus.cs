using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>Maps Vonage SMS API status codes: 0 sent; 1 (throttled), 5 (internal error), 10 (too many binds) retry; others are permanent.</summary>
public static class VonageStatus
{
    public static DeliveryResult ToResult(string? status, string? errorText, string? messageId) => status switch
    {
        "0" => DeliveryResult.Sent(messageId),
        "1" or "5" or "10" => DeliveryResult.Retry($"Vonage status {status}: {Describe(status, errorText)}"),
        _ => DeliveryResult.Permanent($"Vonage status {status}: {Describe(status, errorText)}"),
    };

    private static string Describe(string? status, string? errorText) => status switch
    {
        "1" => "Throttled",
        "2" => "Missing parameters",
        "3" => "Invalid parameters",
        "4" => "Invalid credentials",
        "5" => "Internal error",
        "6" => "Invalid message",
        "7" => "Number barred",
        "8" => "Partner account barred",
        "9" => "Partner quota violation (out of credit)",
        "10" => "Too many existing binds",
        "11" => "Account not enabled for HTTP",
        "12" => "Message too long",
        "14" => "Invalid signature",
        "15" => "Invalid sender address",
        "22" => "Invalid network code",
        "23" => "Invalid callback URL",
        "29" => "Non-whitelisted destination",
        "32" => "Signature and API secret disallowed",
        "33" => "Number de-activated",
        _ => string.IsNullOrWhiteSpace(errorText) ? "unknown" : errorText.Trim(),
    };
}
