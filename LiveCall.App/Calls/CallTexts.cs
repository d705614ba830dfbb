using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace LiveCall.App.Calls;

/// <summary>
/// The call client's texts in the request's language, as the JSON that call-page.js reads from
/// <c>&lt;script type="application/json" id="lc-call-texts"&gt;</c>. Guest and customer pages render the same.
/// </summary>
public static class CallTexts
{
    private static readonly string[] Keys =
    [
        "Title", "Duration", "Controls", "You", "Muted", "ScreenShort", "Screen", "Mute", "Unmute", "CameraOff", "CameraOn",
        "ShareScreen", "StopSharing", "Chat", "Participants", "Devices", "HangUp", "Connecting", "Reconnecting", "Disconnected",
        "Waiting", "Quality.good", "Quality.fair", "Quality.poor", "Quality.unknown", "ShareFailed", "Close", "ChatPlaceholder",
        "Send", "CameraIsOff", "Camera", "Microphone", "Speaker", "MediaFailed", "YouLeft", "Back", "Joined", "Left", "Denied",
        "NoDevice", "InUse", "NoMedia", "AudioOnly", "TryAgain", "NotFound", "NotAllowed", "CallEnded", "Full", "Unreachable", "HandedOver",
    ];

    public static string Json(IStringLocalizer localizer) =>
        // Escape '<' so a translation can never close the script element.
        JsonSerializer.Serialize(Keys.ToDictionary(k => k, k => localizer["Call." + k].Value)).Replace("<", "\\u003c", StringComparison.Ordinal);
}
