using LiveCall.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>
/// The real app for web tests (Development: a migrated SQLite file of its own, demo seed) on Kestrel at 127.0.0.1 and a
/// free port, so browsers and HTTP clients talk to it over a real socket, its background services running as in
/// production. <see cref="Options"/> (fake clock, settings) are set in the initializer, before first use. Service
/// tests use <see cref="ServiceHost"/>.
/// </summary>
public sealed class LiveCallAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = TestData.DemoPassword;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", Guid.NewGuid().ToString("N"));
    private FakeTimeProvider? _time;

    public LiveCallAppFactory() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));

    public LiveCallAppOptions Options { get; } = new();

    /// <summary>The app's clock (with <see cref="LiveCallAppOptions.FakeClock"/>).</summary>
    public FakeTimeProvider Time => Options.FakeClock
        ? _time ??= new FakeTimeProvider(Options.ClockStart)
        : throw new InvalidOperationException("This app runs on the system clock: set Options.FakeClock.");

    public TestData Data => new(Services);

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<LiveCallDbContext> DbAsync() => Get<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    public string DatabasePath => Path.Combine(_dataDir, "livecall.db");

    /// <summary>Starts Kestrel (once) and returns the app's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dataDir);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Seed:DemoPassword", DemoPassword);
        // As a deployment has it: the secrets key file from configuration (outside Development the app needs one to start).
        // Apps of one test that share a database file share its key file too, as one installation restarted would.
        var database = Options.Settings.GetValueOrDefault("Database:Path") ?? DatabasePath;
        var keyFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, Path.GetFileNameWithoutExtension(database) + ".key");
        if (!File.Exists(keyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
            File.WriteAllText(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }
        builder.UseSetting("Secrets:KeyFile", keyFile);
        // Every test client is 127.0.0.1: the customer's per-IP limits are raised, and tested on their own by setting them.
        builder.UseSetting("Customer:NewRequestsPerTenMinutes", "1000");
        builder.UseSetting("Customer:ApiRequestsPerMinute", "1000");
        builder.UseSetting("Customer:PageRequestsPerMinute", "1000");
        builder.UseSetting("RingLimits:PerNetworkAtOnce", "1000");
        builder.UseSetting("RingLimits:PerNetworkHourly", "1000");
        foreach (var (key, value) in Options.Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(TestLog.Shared);
            if (Options.Log is { } captured) logging.AddProvider(captured);
        });
        builder.ConfigureServices(services =>
        {
            if (Options.FakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
