using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveCall.Core.Data;

/// <summary>
/// Per connection: lets SQLite itself wait for a competing writer (its busy handler backs off in 1–100 ms steps) instead
/// of failing with SQLITE_BUSY at once, which Microsoft.Data.Sqlite answers with a 150 ms sleep (ten sellers pressing
/// "Accept" together then settle in milliseconds); and <c>synchronous = NORMAL</c>, the setting SQLite recommends with
/// WAL: a commit no longer waits for an fsync (the WAL is synced at checkpoints), the file stays consistent after a
/// crash of the process or the OS, and only a power cut can lose the last commits.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 30_000;
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
