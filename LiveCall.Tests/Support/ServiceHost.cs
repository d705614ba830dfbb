using LiveCall.App;
using LiveCall.Core.Data;
using LiveCall.Core.Live;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Secrets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>
/// The app's services without the web, for service tests: registered by the same Add* calls as Program.cs, on a
/// SQLite file of its own migrated with the real migrations (and the demo seed unless turned off), on a
/// <see cref="FakeTimeProvider"/>, with every hosted service removed. Nothing runs behind the test's back: a test
/// moves <see cref="Time"/> and calls the sweep it means (<c>IncomingCallService.ExpireDueAsync</c>,
/// <c>CallService.CloseAbandonedSeatsAsync</c>, one outbox pass with <see cref="DispatchOutboxAsync"/>).
/// A class fixture as it is (default options), or per test with <see cref="StartAsync"/>.
/// </summary>
public sealed class ServiceHost : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Where accept links and invitations point (there is no server to ask for its address).</summary>
    public static readonly Uri PublicAddress = new("http://livecall.test/");

    private readonly ServiceHostOptions _options;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", Guid.NewGuid().ToString("N"));
    private readonly List<LiveEvent> _events = [];
    private IHost? _host;
    private IAsyncDisposable? _recording;

    public ServiceHost() : this(new ServiceHostOptions()) { }

    private ServiceHost(ServiceHostOptions options)
    {
        _options = options;
        Time = new FakeTimeProvider(options.Start);
    }

    /// <summary>Builds, validates (options are checked on start, as in the app), migrates and seeds a host.</summary>
    public static async Task<ServiceHost> StartAsync(Action<ServiceHostOptions>? configure = null)
    {
        var options = new ServiceHostOptions();
        configure?.Invoke(options);
        var host = new ServiceHost(options);
        try
        {
            await host.InitializeAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The host's own folder: its SQLite file and, in Development, the generated secrets key file.</summary>
    public string DataDirectory => _dataDir;
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The host has not started.");
    public TestData Data => new(Services);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<LiveCallDbContext> DbAsync() => Get<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    /// <summary>The app's bus, tracked: every subscription in the host (the test's and the services') can be waited for.</summary>
    public TrackedLiveEventBus Bus { get; private set; } = default!;

    /// <summary>Returns once every subscription in the host has handled what was published before.</summary>
    public Task DeliveredAsync() => Bus.DeliveredAsync();

    /// <summary>Every live event published since the start (waits until the recorder's queue has handled them).</summary>
    public async Task<IReadOnlyList<T>> EventsAsync<T>() where T : LiveEvent
    {
        await DeliveredAsync();
        lock (_events) return _events.OfType<T>().ToList();
    }

    /// <summary>One pass of the outbox worker: claims what is due now and sends it, returning when every send is recorded.</summary>
    public Task<int> DispatchOutboxAsync() => Get<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = _options.Environment,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(_dataDir, "livecall.db"),
            ["Seed:DemoPassword"] = TestData.DemoPassword,
            ["App:PublicBaseUrl"] = PublicAddress.ToString(),
            ["WebPush:AllowLoopbackForTesting"] = "true",
            ["WebPush:AllowedHosts:0"] = "127.0.0.1",
            ["Outbox:MaxAttempts"] = "3",
        });
        builder.Configuration.AddInMemoryCollection(_options.Settings);
        builder.Services.AddLogging(logging => logging.AddProvider(TestLog.Shared));

        builder.AddLiveCallFeatures();

        // Every subscription in the host goes through the tracked bus, the services' own (the dashboard feed's) too.
        builder.Services.RemoveAll<ILiveEventBus>();
        builder.Services.AddSingleton<InProcessLiveEventBus>();
        builder.Services.AddSingleton(sp => new TrackedLiveEventBus(sp.GetRequiredService<InProcessLiveEventBus>()));
        builder.Services.AddSingleton<ILiveEventBus>(sp => sp.GetRequiredService<TrackedLiveEventBus>());
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(Time);

        _host = builder.Build();
        await _host.StartAsync();
        await _host.Services.MigrateDatabaseAsync();
        await _host.Services.SealSecretsAsync();
        if (_options.DemoData) await Get<DemoSeeder>().SeedAsync(CancellationToken.None);
        Bus = Get<TrackedLiveEventBus>();
        _recording = Bus.Subscribe(_ => true, (e, _) =>
        {
            lock (_events) _events.Add(e);
            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_recording is not null) await _recording.DisposeAsync();
        _recording = null;
        if (_host is { } host)
        {
            _host = null;
            await using (var db = await host.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync())
                SqliteConnection.ClearPool((SqliteConnection)db.Database.GetDbConnection());
            await host.StopAsync();
            if (host is IAsyncDisposable disposable) await disposable.DisposeAsync();
            else host.Dispose();
        }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
