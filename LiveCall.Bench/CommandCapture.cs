using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveCall.Bench;

/// <summary>A command as EF sent it: the SQL and its parameter values.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<CapturedParameter> Parameters);

/// <summary>A parameter with the storage type EF chose for it (a Guid goes as TEXT, not Microsoft.Data.Sqlite's default BLOB).</summary>
public sealed record CapturedParameter(string Name, object? Value, SqliteType Type);

/// <summary>Records the SQL the services run, so the bench can ask SQLite how it executes exactly that.</summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    private readonly List<CapturedCommand> _commands = [];

    public IReadOnlyList<CapturedCommand> Commands => _commands;

    public void Clear() => _commands.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    private void Capture(DbCommand command) => _commands.Add(new CapturedCommand(command.CommandText,
        command.Parameters.Cast<SqliteParameter>().Select(p => new CapturedParameter(p.ParameterName, p.Value, p.SqliteType)).ToList()));
}
