using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveCall.Tests.Support;

/// <summary>The customer as an HTTP client with cookies of its own: the public location page and its JSON endpoints.</summary>
public static class CustomerHttp
{
    /// <summary>A new customer (own cookie jar, no redirects followed) speaking <paramref name="language"/>.</summary>
    public static HttpClient Customer(this LiveCallAppFactory app, string language = "en")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>The customer presses "Start video call" at a location of the demo dealer.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> StartAsync(HttpClient client, string name, string location = "downtown",
        string? phone = null, string? email = null, bool privacy = true) =>
        PostAsync(client, $"api/incoming/{TestData.DemoDealer}/{location}/start", new { name, phone, email, privacyAccepted = privacy });
}
