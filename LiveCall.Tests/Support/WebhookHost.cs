using LiveCall.App.Notifications;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>
/// AddNotifications/MapNotifications alone on a <see cref="LoopbackServer"/>, over a migrated SQLite file, for the
/// webhook tests; no outbox worker. Not the whole app: its status-code pages re-execute a POST answered 401 into a
/// 400 (the re-executed POST meets antiforgery), which is not what these tests are about.
/// </summary>
public sealed class WebhookHost : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly string _dataDir;

    private WebhookHost(LoopbackServer server, string dataDir)
    {
        _server = server;
        _dataDir = dataDir;
        Client = new HttpClient { BaseAddress = server.BaseUri };
    }

    public HttpClient Client { get; }

    public Task<LiveCallDbContext> DbAsync() => _server.App.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    /// <param name="environment">Production (the slim builder's default) unless told, e.g. Development for its switches.</param>
    public static async Task<WebhookHost> StartAsync(DateTimeOffset now, Dictionary<string, string?> settings, string? environment = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", Guid.NewGuid().ToString("N"));
        var server = await LoopbackServer.StartAsync(
            app =>
            {
                app.UseAuthorization();
                app.MapNotifications();
            },
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Database:Path"] = Path.Combine(dataDir, "livecall.db") });
                builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
                builder.AddData();
                builder.Services.AddAuthorization();
                builder.AddNotifications();
                builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(OutboxWorker)));
            },
            environment: environment);
        await server.App.Services.MigrateDatabaseAsync(); // before the test's first request
        return new WebhookHost(server, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await using (var db = await DbAsync()) SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
        await _server.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
