using LiveCall.Core.Secrets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Data;

public static class DataExtensions
{
    /// <summary>The SQLite-backed <see cref="LiveCallDbContext"/> factory, and the demo seeder (run in Development).</summary>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddValidatedOptions<DemoSeedOptions>(DemoSeedOptions.Section);
        services.AddSingleton<SqlCommandCounter>();
        services.AddDbContextFactory<LiveCallDbContext>((sp, o) =>
        {
            var path = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.FullPath(sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
            o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout(), sp.GetRequiredService<SqlCommandCounter>());
        });
        services.AddSingleton<DemoSeeder>();
        services.AddValidatedOptions<SecretsOptions>(SecretsOptions.Section);
        services.AddSingleton<AtRestKeys>();
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.Section);
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
        return builder;
    }

    /// <summary>Applies pending migrations and switches the SQLite file to WAL mode.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
