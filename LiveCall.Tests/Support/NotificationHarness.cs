using LiveCall.App.Notifications;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>The notification services exactly as AddNotifications registers them, on a temporary database and a fake clock. The worker is not started.</summary>
public sealed class NotificationHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private NotificationHarness(IHost host, TestDatabase db, FakeTimeProvider time)
    {
        Host = host;
        Db = db;
        Time = time;
    }

    public IHost Host { get; }
    public TestDatabase Db { get; }
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => Host.Services;

    public static NotificationHarness Create(Dictionary<string, string?>? settings = null)
    {
        var db = new TestDatabase();
        var time = new FakeTimeProvider(Start);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebPush:AllowLoopbackForTesting"] = "true",
            ["WebPush:AllowedHosts:0"] = "127.0.0.1",
            ["Outbox:MaxAttempts"] = "3",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IDbContextFactory<LiveCallDbContext>>(db);
        builder.AddNotifications();
        return new NotificationHarness(builder.Build(), db, time);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public NotificationOutbox Outbox => Get<NotificationOutbox>();

    /// <summary>A second worker (own lease identity) over the same database, as another app instance would have.</summary>
    public OutboxDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(Services);

    public Task<int> DispatchAsync() => Get<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    public async Task<OutboxMessage> MessageAsync(Guid id)
    {
        await using var db = Db.CreateDbContext();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<Guid> SeedDealerAsync(string country = "DE")
    {
        await using var db = Db.CreateDbContext();
        var dealer = new Dealer("Autohaus Test", $"test-{Guid.NewGuid():N}"[..20], country, Start.UtcDateTime);
        db.Dealers.Add(dealer);
        await db.SaveChangesAsync();
        return dealer.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable d) await d.DisposeAsync();
        Db.Dispose();
    }
}
