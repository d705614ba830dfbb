using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveCall.Core.Data;

/// <summary>
/// Lets SQLite itself wait for a competing writer (its busy handler backs off in 1–100 ms steps) instead of failing
/// with SQLITE_BUSY at once, which Microsoft.Data.Sqlite answers with a 150 ms sleep. Ten sellers pressing "Accept"
/// together then settle in milliseconds, not in 150 ms rounds.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        command.ExecuteNonQuery();
    }
}
