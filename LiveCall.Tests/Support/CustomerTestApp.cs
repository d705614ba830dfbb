using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>The real app for customer tests, plus the steps a customer (an HTTP client with cookies) and a seller take.</summary>
public sealed class CustomerTestApp : IAsyncDisposable
{
    /// <summary>Monday 2026-11-23 10:00 in Berlin: Downtown (always open) and Airport (Mon–Sat 08–20) are open.</summary>
    public static readonly DateTimeOffset Monday = DateTimeOffset.Parse("2026-11-23T09:00:00Z");

    public CustomerTestApp(FakeTimeProvider? time = null, params (string Key, string Value)[] settings)
    {
        App = new LiveCallAppFactory { Time = time };
        // Tests share 127.0.0.1; the per-IP limits are tested on their own.
        App.With("Customer:NewRequestsPerTenMinutes", "1000").With("Customer:ApiRequestsPerMinute", "1000").With("Customer:PageRequestsPerMinute", "1000");
        foreach (var (key, value) in settings) App.With(key, value);
        _ = App.BaseAddress;
    }

    public LiveCallAppFactory App { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

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

    public Task<TenantScope> ScopeOfAsync(string email) => CallsTestData.ScopeOfAsync(App, email);

    /// <summary>The seller "opens the dashboard": a fresh presence row, as the dashboard circuit writes it.</summary>
    public async Task<string> OpenDashboardAsync(string email)
    {
        var circuit = Guid.NewGuid().ToString();
        await Service<PresenceService>().OpenAsync(circuit, "test-instance", await ScopeOfAsync(email), default);
        return circuit;
    }

    public async Task<LiveCallDbContext> DbAsync() => await Service<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    public async Task<List<Call>> CallsAsync()
    {
        await using var db = await DbAsync();
        return await db.Calls.AsNoTracking().ToListAsync();
    }

    public async Task<Location> AddLocationAsync(string slug, string timeZone, OpeningHours hours, string country = "DE")
    {
        await using var db = await DbAsync();
        var dealer = await db.Dealers.SingleAsync(d => d.Slug == "demo-motors");
        var location = new Location(dealer.Id, slug, slug, country, timeZone, hours);
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        return location;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
