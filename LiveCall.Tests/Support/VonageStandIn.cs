using Microsoft.AspNetCore.Http;

namespace LiveCall.Tests.Support;

/// <summary>Vonage SMS API answers, as its sms/json endpoint gives them, and the settings that point the app at a stand-in. Shared with LiveCall.Bench.</summary>
public static class VonageStandIn
{
    public static Task Status(HttpResponse response, string status, string messageId = "0A0000000123ABCD1") =>
        response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["message-count"] = "1",
            ["messages"] = new[]
            {
                status == "0"
                    ? new Dictionary<string, string> { ["to"] = "4915112345678", ["message-id"] = messageId, ["status"] = "0", ["remaining-balance"] = "3.14", ["message-price"] = "0.07", ["network"] = "26201" }
                    : new Dictionary<string, string> { ["status"] = status, ["error-text"] = "stand-in error" },
            },
        });

    public static Dictionary<string, string?> Settings(Uri baseUri) => new()
    {
        ["Vonage:ApiKey"] = "key123",
        ["Vonage:ApiSecret"] = "secret456",
        ["Vonage:From"] = "LiveCall",
        ["Vonage:BaseUrl"] = baseUri.ToString(),
        ["SmsLimits:CooldownPerNumber"] = "00:00:00",
    };
}
