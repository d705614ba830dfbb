using LiveCall.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Support;

/// <summary>A temporary SQLite file with the schema created by EnsureCreated (tests only; the app uses migrations).</summary>
public sealed class TestDatabase : IDbContextFactory<LiveCallDbContext>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"livecall-notify-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<LiveCallDbContext> _options;

    public TestDatabase()
    {
        _options = new DbContextOptionsBuilder<LiveCallDbContext>()
            .UseSqlite($"Data Source={_path};Default Timeout=30;Pooling=False").Options;
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public LiveCallDbContext CreateDbContext() => new(_options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            if (File.Exists(_path + suffix)) File.Delete(_path + suffix);
    }
}
