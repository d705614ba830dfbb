using LiveCall.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Bench;

/// <summary>A fresh SQLite file in a temp folder, in WAL mode, with the app's migrations applied.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    /// <summary>
    /// Indexes the bench adds on top of the migrations (raw SQL, EF naming), so the figures reflect them.
    /// Empty: the migration's IX_Calls_LocationId_CreatedUtc, IX_Calls_DealerId_CreatedUtc and IX_Calls_CreatedUtc already serve every query.
    /// </summary>
    private static readonly string[] ExtraIndexes = [];

    private readonly string _folder;
    private readonly ServiceProvider _services;

    private BenchDatabase(string folder, string connectionString, ServiceProvider services)
    {
        _folder = folder;
        ConnectionString = connectionString;
        _services = services;
    }

    public string ConnectionString { get; }
    public string FilePath => Path.Combine(_folder, "bench.db");
    public IDbContextFactory<LiveCallDbContext> Factory => _services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>();

    /// <summary>Creates the file, switches it to WAL and applies the migrations, as the app does at start.</summary>
    public static async Task<BenchDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "livecall-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "bench.db"), DefaultTimeout = 30, Pooling = true,
        }.ToString();
        var services = new ServiceCollection()
            .AddDbContextFactory<LiveCallDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()))
            .BuildServiceProvider();
        var database = new BenchDatabase(folder, connectionString, services);

        await using var db = await database.Factory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var sql in ExtraIndexes) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        return database;
    }

    /// <summary>A context factory that hands every command to <paramref name="interceptor"/> (for query plans; not used while timing).</summary>
    public IDbContextFactory<LiveCallDbContext> FactoryWith(IInterceptor interceptor) =>
        new ServiceCollection()
            .AddDbContextFactory<LiveCallDbContext>(o => o.UseSqlite(ConnectionString).AddInterceptors(interceptor))
            .BuildServiceProvider()
            .GetRequiredService<IDbContextFactory<LiveCallDbContext>>();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { Console.WriteLine($"Could not delete {_folder}; remove it by hand."); }
    }
}
