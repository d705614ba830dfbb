using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Persistence;

/// <summary>
/// <see cref="BulkInsert"/> writes, in one statement per 500 parameters, exactly the rows SaveChanges writes: every column's stored
/// value (Guids, dates, enums, nulls as the provider keeps them) compared in the database itself, and the rows read back
/// through EF.
/// </summary>
public sealed class BulkInsertTests
{
    [Fact]
    public async Task ManyRowsInFewStatements_StoreExactlyWhatSaveChangesStores()
    {
        await using var h = await ServiceHost.StartAsync();
        var location = await h.Data.LocationAsync("downtown");
        var created = new DateTime(2026, 12, 3, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);
        OutboxMessage Message(string to) => new(OutboxChannel.Email, OutboxPurpose.IncomingCall, to, "A customer is waiting", "Text", null,
            location.DealerId, location.Id, created, created.AddSeconds(30))
        {
            UserId = "user-" + to, CallId = Guid.NewGuid(), ExpiresUtc = created.AddMinutes(2),
        };
        var saved = Message("saved@example.com");
        var bulk = Enumerable.Range(0, 1_200).Select(i => Message($"bulk{i}@example.com")).ToList();
        var sql = h.Get<SqlCommandCounter>();

        await using (var db = await h.DbAsync())
        {
            db.Outbox.Add(saved);
            await db.SaveChangesAsync();
        }
        var before = sql.Count;
        await using (var db = await h.DbAsync()) await db.InsertAsync(bulk, default);
        var commands = sql.Count - before;

        await using var check = await h.DbAsync();
        // Every column except the ones that differ by design (id, recipient, user, call) is stored identically.
        var columns = await check.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Outbox')").ToListAsync();
        var rowsPerStatement = BulkInsert.ParametersPerStatement / columns.Count;
        Assert.Equal((1_200 + rowsPerStatement - 1) / rowsPerStatement, commands); // one statement per 500 parameters, each counted
        var same = columns.Except(["Id", "Recipient", "UserId", "CallId"]).ToList();
        Assert.Contains("CreatedUtc", same);
        Assert.Contains("Status", same);
#pragma warning disable EF1003 // the column names come from SQLite's own table_info, not from input
        var differing = await check.Database.SqlQueryRaw<int>(
            $"SELECT COUNT(*) AS Value FROM Outbox b JOIN Outbox s ON s.Recipient = 'saved@example.com' WHERE b.Recipient LIKE 'bulk%' AND NOT ("
            + string.Join(" AND ", same.Select(c => $"b.\"{c}\" IS s.\"{c}\"")) + ")").SingleAsync();
#pragma warning restore EF1003
        Assert.Equal(0, differing);
        Assert.Equal(1_201, await check.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM Outbox WHERE typeof(Id) = (SELECT typeof(Id) FROM Outbox LIMIT 1)").SingleAsync());

        var read = await check.Outbox.AsNoTracking().SingleAsync(m => m.Id == bulk[700].Id);
        Assert.Equal((bulk[700].Recipient, bulk[700].CallId, bulk[700].CreatedUtc, bulk[700].NextAttemptUtc, bulk[700].Status),
            (read.Recipient, read.CallId, read.CreatedUtc, read.NextAttemptUtc, read.Status));
        Assert.Equal(1_201, await check.Outbox.CountAsync(m => m.Status == OutboxStatus.Queued && m.CreatedUtc == created));
    }

    [Fact]
    public async Task ChunksPastTheParameterLimit_AndRefusesRowsWithoutAKey()
    {
        await using var h = await ServiceHost.StartAsync();
        var call = await h.Data.StartFollowUpAsync();
        var users = Enumerable.Range(0, 16_000).Select(i => $"user-{i}").ToList();
        var sql = h.Get<SqlCommandCounter>();

        var before = sql.Count;
        await using (var db = await h.DbAsync()) await db.InsertAsync(users.Select(u => new RingTarget(call.Id, u)).ToList(), default);

        Assert.Equal(16_000 / (BulkInsert.ParametersPerStatement / 5), sql.Count - before); // RingTarget: 5 columns
        await using var check = await h.DbAsync();
        Assert.Equal(16_000, await check.RingTargets.CountAsync(t => t.CallId == call.Id));
        Assert.Equal(users.Order(StringComparer.Ordinal), (await check.RingTargets.Where(t => t.CallId == call.Id).Select(t => t.UserId).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ManyStatementsWithoutATransaction_StoreAllOrNothing()
    {
        await using var h = await ServiceHost.StartAsync();
        var call = await h.Data.StartFollowUpAsync();
        var rows = Enumerable.Range(0, 1_000).Select(i => new RingTarget(call.Id, $"user-{i}")).ToList();
        rows.Add(new RingTarget(call.Id, "user-3")); // the last statement breaks the key; the first ones were fine

        await using (var db = await h.DbAsync())
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.InsertAsync(rows, default));

        await using var check = await h.DbAsync();
        Assert.Equal(0, await check.RingTargets.CountAsync(t => t.CallId == call.Id));
        await check.InsertAsync(rows[..1_000], default); // and the connection is fine for the next insert
        Assert.Equal(1_000, await check.RingTargets.CountAsync(t => t.CallId == call.Id));
    }
}
