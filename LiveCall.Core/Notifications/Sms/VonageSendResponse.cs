using System.Text.Json.Serialization;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>The JSON answer of Vonage's <c>sms/json</c> endpoint (only the fields we read).</summary>
public sealed record VonageSendResponse(
    [property: JsonPropertyName("message-count")] string? MessageCount,
    [property: JsonPropertyName("messages")] IReadOnlyList<VonageSendResponseMessage>? Messages);

public sealed record VonageSendResponseMessage(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("message-id")] string? MessageId,
    [property: JsonPropertyName("error-text")] string? ErrorText,
    [property: JsonPropertyName("client-ref")] string? ClientRef);
