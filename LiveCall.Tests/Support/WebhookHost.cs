using System.Net;
using LiveCall.App.Notifications;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>
/// AddNotifications/MapNotifications alone on 127.0.0.1, over a migrated SQLite file, for the webhook tests; no outbox
/// worker. Not the whole app: its status-code pages re-execute a POST answered 401 into a 400 (the re-executed POST
/// meets antiforgery), which is not what these tests are about.
/// </summary>
public sealed class WebhookHost : IAsyncDisposable
{
    private readonly string _dataDir;

    private WebhookHost(WebApplication app, string dataDir, FakeTimeProvider time, HttpClient client)
    {
        App = app;
        _dataDir = dataDir;
        Time = time;
        Client = client;
    }

    public WebApplication App { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Client { get; }

    public Task<LiveCallDbContext> DbAsync() => App.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    public static async Task<WebhookHost> StartAsync(DateTimeOffset now, Dictionary<string, string?> settings)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(now);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Database:Path"] = Path.Combine(dataDir, "livecall.db") });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddData();
        builder.Services.AddAuthorization();
        builder.AddNotifications();
        builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(OutboxWorker)));
        var app = builder.Build();
        await app.Services.MigrateDatabaseAsync();
        app.UseAuthorization();
        app.MapNotifications();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookHost(app, dataDir, time, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await using (var db = await DbAsync()) SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
