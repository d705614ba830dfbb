using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LiveCall.Core.Data;

/// <summary>
/// Many new rows of one entity as <c>INSERT … VALUES (…), (…)</c> statements of at most <see cref="ParametersPerStatement"/>
/// parameters each, built from the model's own table and column names and type mappings (value converters included, so
/// the rows are what SaveChanges would write). SQLite's EF provider sends one INSERT per row: a ring of a thousand sellers
/// would be a thousand commands for its ring targets, a thousand for its accept links, a thousand for its emails.
/// The statements go straight to the connection EF holds, in the context's transaction (one of their own when there is
/// none, so the rows come all or not at all), counted by the <see cref="SqlCommandCounter"/>. Not through EF's raw SQL,
/// and not as one giant statement: both cost quadratically in the parameters (docs/performance.md, "Bulk inserts").
/// The rows are not tracked; their keys must be set by their constructors.
/// </summary>
public static class BulkInsert
{
    /// <summary>
    /// Where a statement's cost per parameter is still flat: SQLite finds each named parameter by a scan of the statement's
    /// parameters, so one statement of n parameters costs n² (`bulkinsert` bench, 200 ring emails of 24 columns, medians of
    /// one run: one statement through EF 463 ms, 1,000 parameters a statement 36 ms, 500 a statement 21 ms, SaveChanges 31 ms).
    /// </summary>
    public const int ParametersPerStatement = 500;

    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{typeof(T).Name}.{shadow.Name} is a shadow property: insert it with SaveChanges.");
        var key = entity.FindPrimaryKey()!.Properties.Select(k => k.GetGetter()).ToList();
        if (rows.FirstOrDefault(row => key.Any(k => k.HasSentinelValue(row))) is not null)
            throw new InvalidOperationException($"A new {typeof(T).Name} has no key: its constructor sets it.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToList();
        var getters = columns.Select(p => p.GetGetter()).ToList();
        var counter = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqlCommandCounter>().FirstOrDefault();

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await using (own)
            {
                var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                foreach (var chunk in rows.Chunk(Math.Max(1, ParametersPerStatement / columns.Count)))
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.Transaction = transaction;
                    var text = new StringBuilder(head);
                    for (var r = 0; r < chunk.Length; r++)
                    {
                        text.Append(r == 0 ? "(" : ", (");
                        for (var c = 0; c < columns.Count; c++)
                        {
                            var name = "p" + command.Parameters.Count;
                            if (c > 0) text.Append(", ");
                            text.Append(sql.GenerateParameterNamePlaceholder(name));
                            // Named as in the text ("@p0"): a bare "p0" makes Microsoft.Data.Sqlite search again with every prefix.
                            command.Parameters.Add(mappings[c].CreateParameter(command, sql.GenerateParameterName(name), getters[c].GetClrValue(chunk[r]), columns[c].IsNullable));
                        }
                        text.Append(')');
                    }
                    command.CommandText = text.ToString();
                    command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
                    counter?.CountOne();
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                if (own is not null) await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
