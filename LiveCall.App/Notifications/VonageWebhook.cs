using System.Text.Json;
using LiveCall.Core.Notifications.Sms;

namespace LiveCall.App.Notifications;

/// <summary>Vonage SMS delivery receipts: GET query, POST form or POST JSON, as configured in the Vonage dashboard.</summary>
internal static class VonageWebhook
{
    /// <summary>A receipt is a dozen short fields.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static async Task<IResult> HandleAsync(HttpRequest request, VonageDeliveryReceipts receipts, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query) parameters[key] = value.ToString();
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(cancellationToken)) parameters[key] = value.ToString();
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                if (json.RootElement.ValueKind != JsonValueKind.Object) return Results.BadRequest();
                foreach (var p in json.RootElement.EnumerateObject())
                    parameters[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }
        }

        var outcome = await receipts.HandleAsync(parameters, cancellationToken);
        return outcome == ReceiptOutcome.BadSignature ? Results.Unauthorized() : Results.NoContent();
    }
}
