using System.Text.Json.Serialization;

namespace LiveCall.Core.Notifications;

/// <summary>The JSON the service worker receives and shows as a notification.</summary>
public sealed record PushPayload(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("callId")] Guid? CallId)
{
    /// <summary>The label of the notification's "Accept" button in the recipient's language (none: no button).</summary>
    [JsonPropertyName("actionTitle")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActionTitle { get; init; }
}
