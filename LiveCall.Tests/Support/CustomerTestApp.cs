using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>The real app for customer tests, plus the steps a customer (an HTTP client with cookies) and a seller take.</summary>
public sealed class CustomerTestApp : IAsyncDisposable
{
    /// <summary>Monday 2026-11-23 10:00 in Berlin: Downtown (always open) and Airport (Mon–Sat 08–20) are open.</summary>
    public static readonly DateTimeOffset Monday = TestClock.Start;

    public CustomerTestApp(FakeTimeProvider? time = null, params (string Key, string Value)[] settings)
    {
        App = new LiveCallAppFactory { Time = time };
        // Tests share 127.0.0.1; the per-IP limits are tested on their own.
        App.With("Customer:NewRequestsPerTenMinutes", "1000").With("Customer:ApiRequestsPerMinute", "1000").With("Customer:PageRequestsPerMinute", "1000");
        foreach (var (key, value) in settings) App.With(key, value);
        _ = App.BaseAddress;
    }

    public LiveCallAppFactory App { get; }

    public T Service<T>() where T : notnull => App.Get<T>();

    public HttpClient Customer(string language = "en")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
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

    public static Task<(HttpStatusCode Status, JsonElement Body)> StartAsync(HttpClient client, string name, string location = "downtown",
        string? phone = null, string? email = null, bool privacy = true) =>
        PostAsync(client, $"api/incoming/demo-motors/{location}/start", new { name, phone, email, privacyAccepted = privacy });

    public Task<TenantScope> ScopeOfAsync(string email) => App.Data.ScopeOfAsync(email);

    public Task<string> OpenDashboardAsync(string email) => App.Data.OpenDashboardAsync(email);

    public Task<LiveCallDbContext> DbAsync() => App.DbAsync();

    public Task<List<Call>> CallsAsync() => App.Data.CallsAsync();

    public Task<Location> AddLocationAsync(string slug, string timeZone, OpeningHours hours, string country = "DE") =>
        App.Data.AddDemoLocationAsync(slug, timeZone, hours, country);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
