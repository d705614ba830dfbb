using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveCall.Core.Data;

public static class DataExtensions
{
    /// <summary>Registers the SQLite-backed <see cref="LiveCallDbContext"/> (factory and scoped).</summary>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var path = string.IsNullOrWhiteSpace(options.Path)
            ? System.IO.Path.Combine(builder.Environment.ContentRootPath, "App_Data", "livecall.db")
            : System.IO.Path.GetFullPath(options.Path, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();

        builder.Services.AddDbContextFactory<LiveCallDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
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
