using System.Text.Json;

namespace LiveCall.App.Calls.Incoming;

/// <summary>"Start video call": what the customer typed on the entry form.</summary>
public sealed record StartRequest(string? Name, string? Phone, string? Email, bool PrivacyAccepted);

/// <summary>The callback form (after an unanswered ring or outside opening hours).</summary>
public sealed record CallbackFormRequest(string? Name, string? Phone, string? Email, string? Note, bool PrivacyAccepted);

internal static class CustomerJson
{
    /// <summary>What the customer endpoints read at most (the server stops there, chunked or not: <c>WithBodyLimit</c>).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The JSON body, or null when it is missing or not JSON of that shape (the caller answers 400).</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType()) return null;
        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
