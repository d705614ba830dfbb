using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace LiveCall.Bench;

/// <summary>Prints SQLite's plan for captured commands and how many Calls rows each one returns; flags any scan of Calls.</summary>
public static partial class QueryPlans
{
    /// <summary>Returns false if a command reads Calls with a (full table or full index) scan.</summary>
    public static async Task<bool> PrintAsync(SqliteConnection connection, string scenario, IEnumerable<CapturedCommand> commands, CancellationToken cancellationToken)
    {
        var indexed = true;
        Console.WriteLine($"--- {scenario}");
        foreach (var command in commands)
        {
            var alias = CallsAlias().Match(command.Sql) is { Success: true } m ? m.Groups[1].Value : null;
            Console.WriteLine(Indent(command.Sql.Trim(), "    "));
            await using var explain = Command(connection, "EXPLAIN QUERY PLAN " + command.Sql, command);
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var detail = reader.GetString(3);
                    var scansCalls = alias is not null && (detail == $"SCAN {alias}" || detail.StartsWith($"SCAN {alias} ", StringComparison.Ordinal));
                    indexed &= !scansCalls;
                    Console.WriteLine($"  plan: {detail}{(scansCalls ? "   <-- FULL SCAN OF Calls" : "")}");
                }
            }
            if (alias is null) continue;
            await using var count = Command(connection, $"SELECT COUNT(*) FROM ({command.Sql})", command);
            Console.WriteLine($"  rows returned: {await count.ExecuteScalarAsync(cancellationToken):N0}");
        }
        return indexed;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, CapturedCommand captured)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in captured.Parameters) command.Parameters.Add(new SqliteParameter(p.Name, p.Value ?? DBNull.Value) { SqliteType = p.Type });
        return command;
    }

    private static string Indent(string text, string prefix) => prefix + text.ReplaceLineEndings(Environment.NewLine + prefix);

    [GeneratedRegex(@"FROM ""Calls"" AS ""(\w+)""")]
    private static partial Regex CallsAlias();
}
