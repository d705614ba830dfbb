using System.Diagnostics;
using System.Globalization;
using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Bench;

/// <summary>
/// Bulk-inserts calls with one prepared, parameterised INSERT in one transaction, in the format EF Core writes
/// (Guid as uppercase TEXT, DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' TEXT, enums as INTEGER), oldest first as the app would.
/// </summary>
public static class CallSeeder
{
    private const string Insert = """
        INSERT INTO Calls (Id, Kind, DealerId, LocationId, State, CreatedUtc, AcceptedUtc, AcceptedByUserId, ConnectedUtc, EndedUtc)
        VALUES ($id, $kind, $dealer, $location, $state, $created, $accepted, $acceptedBy, $connected, $ended)
        """;

    public static string Text(Guid id) => id.ToString().ToUpperInvariant();
    public static string Text(DateTime utc) => utc.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Writes one call through EF and fails unless the raw row matches <see cref="Text(Guid)"/> and <see cref="Text(DateTime)"/>.</summary>
    public static async Task CheckFormatMatchesEfAsync(IDbContextFactory<LiveCallDbContext> factory, SqliteConnection connection, CancellationToken cancellationToken)
    {
        var created = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234500);
        var whole = created.AddTicks(-1234500).AddMinutes(1);
        var call = new Call(CallKind.FollowUp, Guid.NewGuid(), Guid.NewGuid(), created) { State = CallState.Ended, EndedUtc = whole };
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Calls.Add(call);
            await db.SaveChangesAsync(cancellationToken);
        }
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT Id, Kind, State, CreatedUtc, EndedUtc FROM Calls WHERE Id = $id";
        read.Parameters.AddWithValue("$id", Text(call.Id));
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            var expected = $"{Text(call.Id)}|1|3|{Text(created)}|{Text(whole)}";
            var actual = await reader.ReadAsync(cancellationToken)
                ? $"{reader.GetString(0)}|{reader.GetInt32(1)}|{reader.GetInt32(2)}|{reader.GetString(3)}|{reader.GetString(4)}"
                : "(row not found by uppercase id)";
            if (actual != expected) throw new InvalidOperationException($"Seed format differs from EF Core's: expected {expected}, EF wrote {actual}");
        }
        await ExecuteAsync(connection, "DELETE FROM Calls", cancellationToken);
    }

    public static async Task<TimeSpan> SeedAsync(SqliteConnection connection, IReadOnlyList<SeededLocation> locations, int rows,
        DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var calls = CallGenerator.Generate(locations, rows, now, random);

        await ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", cancellationToken);

        // Building the migration's secondary indexes once after the load is several times cheaper than maintaining them per row.
        var indexes = await SecondaryIndexesAsync(connection, cancellationToken);
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\";", cancellationToken);

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = Insert;
            var p = new[] { "$id", "$kind", "$dealer", "$location", "$state", "$created", "$accepted", "$acceptedBy", "$connected", "$ended" }
                .Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            p[1].SqliteType = p[4].SqliteType = SqliteType.Integer;
            insert.Prepare();
            var written = 0;
            foreach (ref readonly var c in calls.AsSpan())
            {
                if (++written % 50_000 == 0) cancellationToken.ThrowIfCancellationRequested();
                var location = locations[c.Location];
                p[0].Value = Text(c.Id);
                p[1].Value = (int)c.Kind;
                p[2].Value = Text(location.DealerId);
                p[3].Value = Text(location.LocationId);
                p[4].Value = (int)c.State;
                p[5].Value = Text(c.CreatedUtc);
                p[6].Value = c.AcceptedUtc is { } a ? Text(a) : DBNull.Value;
                p[7].Value = c.AcceptedUtc is null ? DBNull.Value : $"seller-{c.Location}-{c.Seller}";
                p[8].Value = c.ConnectedUtc is { } cn ? Text(cn) : DBNull.Value;
                p[9].Value = c.EndedUtc is { } e ? Text(e) : DBNull.Value;
                insert.ExecuteNonQuery(); // Microsoft.Data.Sqlite is synchronous underneath; no state machine per row
            }
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (_, sql) in indexes) await ExecuteAsync(connection, sql, cancellationToken);
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA synchronous=FULL; PRAGMA cache_size=-2000;", cancellationToken);
        return watch.Elapsed;
    }

    /// <summary>The CREATE INDEX statements of Calls exactly as the migrations (and any bench extras) wrote them.</summary>
    private static async Task<List<(string Name, string Sql)>> SecondaryIndexesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Calls' AND sql IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
