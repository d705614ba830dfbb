using System.Data.Common;
using System.Diagnostics;
using System.Text;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LiveCall.Bench.Data;

/// <summary>
/// A ring's emails (rendered as the ring renders them, 24 columns each) written three ways in the same run, each in one
/// transaction on a fresh SQLite file: <see cref="BulkInsert"/> (statements of 500 parameters straight on EF's
/// connection), the same rows as ONE statement through EF's raw SQL (what BulkInsert did before: quadratic in the
/// parameters, in EF and in SQLite's lookup of named parameters) and SaveChanges (one INSERT per row, EF's own).
/// </summary>
public static class BulkInsertBench
{
    public static async Task<int> RunAsync(bool quick, CancellationToken ct)
    {
        int[] sizes = quick ? [200, 1000] : [20, 200, 1000];
        var rounds = quick ? 5 : 11;
        await using var database = await BenchDatabase.CreateAsync(ct);
        var location = (await TenantSeeder.SeedAsync(database.Factory, 1, 1, BenchArgs.Now, new Random(7), ct))[0];
        Console.WriteLine($"Bulk insert: a ring's emails into the outbox, median of {rounds} rounds after one warm-up (ms)");
        Console.WriteLine($"  {"emails",7} {"BulkInsert",11} {"statements",11} {"one statement via EF",21} {"ratio",7} {"SaveChanges",12} {"ratio",7}");
        foreach (var size in sizes)
        {
            var bulk = new Timings("bulk");
            var one = new Timings("one");
            var saved = new Timings("saved");
            for (var round = -1; round < rounds; round++)
            {
                var measured = round >= 0;
                Func<Task>[] ways =
                [
                    () => TimeAsync(database, Emails(location, size), (db, rows) => db.InsertAsync(rows, ct), measured ? bulk : null, ct),
                    () => TimeAsync(database, Emails(location, size), (db, rows) => OneStatementThroughEfAsync(db, rows, ct), measured ? one : null, ct),
                    () => TimeAsync(database, Emails(location, size), (db, rows) => { db.Outbox.AddRange(rows); return db.SaveChangesAsync(ct); }, measured ? saved : null, ct),
                ];
                for (var w = 0; w < ways.Length; w++) await ways[(w + round + 1) % ways.Length](); // each way goes first in turn
            }
            double b = bulk.Percentile(0.5), o = one.Percentile(0.5), s = saved.Percentile(0.5);
            var statements = (size + BulkInsert.ParametersPerStatement / 24 - 1) / (BulkInsert.ParametersPerStatement / 24);
            Console.WriteLine($"  {size,7:N0} {b,11:F1} {statements,11} {o,21:F1} {o / b,7:F1} {s,12:F1} {s / b,7:F1}");
        }
        Console.WriteLine("  ratio: the other way's median over BulkInsert's, same run, same rows");
        return 0;
    }

    private static async Task TimeAsync(BenchDatabase database, List<OutboxMessage> rows, Func<LiveCallDbContext, List<OutboxMessage>, Task> write,
        Timings? timings, CancellationToken ct)
    {
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var started = Stopwatch.GetTimestamp();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await write(db, rows);
            await transaction.CommitAsync(ct);
        }
        timings?.Add(Stopwatch.GetElapsedTime(started));
    }

    private static List<OutboxMessage> Emails(SeededLocation location, int count)
    {
        var now = DateTime.UtcNow;
        var callId = Guid.NewGuid();
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var texts = new RingMessages("Erika Mustermann", "Downtown", "Autohaus Beispiel", i % 2 == 0 ? "en" : "de");
            var email = EmailTemplateRenderer.Render(new EmailBrand("Autohaus Beispiel", "#1565c0", null), texts.Email($"https://livecall.example/r/{Guid.NewGuid():N}"), texts.Language);
            return new OutboxMessage(OutboxChannel.Email, OutboxPurpose.IncomingCall, $"seller{i}@example.com", email.Subject, email.Text, email.Html,
                location.DealerId, location.LocationId, now, now.AddSeconds(60)) { UserId = $"user-{i}", CallId = callId, ExpiresUtc = now.AddMinutes(2) };
        })];
    }

    /// <summary>BulkInsert as it was before (commit ad50036): every row in one statement, through EF's raw SQL.</summary>
    private static async Task OneStatementThroughEfAsync(LiveCallDbContext db, List<OutboxMessage> rows, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var columns = entity.GetProperties().ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder($"INSERT INTO \"Outbox\" ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName())))}) VALUES ");
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "p" + parameters.Count;
                text.Append(c > 0 ? ", " : "").Append(sql.GenerateParameterNamePlaceholder(name));
                parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(factory, name, columns[c].GetGetter().GetClrValue(rows[r]), columns[c].IsNullable));
            }
            text.Append(')');
        }
        await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, ct);
    }
}
