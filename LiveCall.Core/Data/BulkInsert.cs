using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LiveCall.Core.Data;

/// <summary>
/// Many new rows of one entity as one <c>INSERT … VALUES (…), (…)</c> per chunk, built from the model's own table and
/// column names and type mappings (value converters included, so the rows are what SaveChanges would write). SQLite's EF
/// provider sends one INSERT per row: a ring of a thousand sellers would be a thousand commands for its ring targets, a
/// thousand for its accept links, a thousand for its emails. Runs through EF (its interceptors count it, the context's
/// transaction holds it). The rows are not tracked; their keys must be set by their constructors.
/// </summary>
public static class BulkInsert
{
    /// <summary>Under SQLite's 32,766 variables per statement and PostgreSQL's 65,535 parameters.</summary>
    private const int MaxParameters = 30_000;

    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new NotSupportedException($"{typeof(T).Name}.{shadow.Name} is a shadow property: insert it with SaveChanges.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToList();
        var getters = columns.Select(p => p.GetGetter()).ToList();

        // Parameters are made by the provider's own mapping; a command of the connection's kind only lends its factory.
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / columns.Count)))
        {
            var text = new StringBuilder(head);
            var parameters = new List<DbParameter>(chunk.Length * columns.Count);
            for (var r = 0; r < chunk.Length; r++)
            {
                if (entity.FindPrimaryKey()!.Properties.Any(k => k.GetGetter().HasSentinelValue(chunk[r])))
                    throw new InvalidOperationException($"A new {typeof(T).Name} has no key: its constructor sets it.");
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "p" + parameters.Count;
                    if (c > 0) text.Append(", ");
                    text.Append(sql.GenerateParameterNamePlaceholder(name));
                    parameters.Add(mappings[c].CreateParameter(factory, name, getters[c].GetClrValue(chunk[r]), columns[c].IsNullable));
                }
                text.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
    }
}
