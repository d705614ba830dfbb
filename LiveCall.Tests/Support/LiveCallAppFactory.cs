using LiveCall.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>
/// The real app (Development: migrated SQLite file of its own, demo seed) on Kestrel at 127.0.0.1 and a
/// free port, so browsers and HTTP clients talk to it over a real socket.
/// </summary>
public sealed class LiveCallAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = TestData.DemoPassword;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new();

    public LiveCallAppFactory() => UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));

    /// <summary>Set before first use to replace the clock.</summary>
    public FakeTimeProvider? Time { get; init; }

    public LiveCallAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

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
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
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
