using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace LiveCall.Bench.Circuits;

/// <summary>
/// What the circuits bench measures beside the app, in the same run and against the same process: a bare SignalR hub
/// (<c>/_bench/hub</c>) broadcasting the same bytes to a group of N, a SignalR echo, a Kestrel WebSocket echo, and raw
/// SQLite one-row transactions.
/// </summary>
internal static class CircuitsBaselines
{
    private const int PayloadBytes = 2_048;

    private static HubConnection BenchHub(Uri baseAddress, IPAddress from) => new HubConnectionBuilder()
        .WithUrl(new Uri(baseAddress, "_bench/hub"), HttpTransportType.WebSockets, o =>
        {
            o.HttpMessageHandlerFactory = _ => SourceAddress.Handler(from);
            o.WebSocketFactory = async (context, ct) =>
            {
                var socket = new ClientWebSocket();
                await SourceAddress.ConnectAsync(socket, context.Uri, from, null, ct);
                return socket;
            };
        })
        .Build();

    /// <summary>The bare SignalR group send: <paramref name="size"/> members, one broadcast of the same bytes per round, from send to each member's receipt.</summary>
    internal static async Task<Timings> GroupSendAsync(Uri baseAddress, int size, int rounds, CancellationToken ct)
    {
        var group = $"g{size}-{Guid.NewGuid():N}";
        var members = new HubConnection[size];
        var received = new long[size];
        var remaining = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var gate = new SemaphoreSlim(8))
        {
            await Task.WhenAll(Enumerable.Range(0, size).Select(async i =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var member = BenchHub(baseAddress, CircuitsBench.Source(3, i / CircuitsBench.CircuitsPerAddress));
                    member.On<byte[]>("Payload", _ =>
                    {
                        received[i] = Stopwatch.GetTimestamp();
                        if (Interlocked.Decrement(ref remaining) == 0) all.TrySetResult();
                    });
                    await member.StartAsync(ct);
                    await member.InvokeAsync("Join", group, ct);
                    members[i] = member;
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await using var sender = BenchHub(baseAddress, IPAddress.Loopback);
        await sender.StartAsync(ct);
        var payload = new byte[PayloadBytes];
        Random.Shared.NextBytes(payload);
        var timings = new Timings("group send");
        try
        {
            for (var round = -2; round < rounds - 2; round++)
            {
                all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref remaining, size);
                var sent = Stopwatch.GetTimestamp();
                await sender.InvokeAsync("Broadcast", group, payload, ct);
                await all.Task.WaitAsync(CircuitsBench.Patience, ct);
                if (round >= 0) foreach (var at in received) timings.Add(Stopwatch.GetElapsedTime(sent, at));
                await Task.Delay(200, ct);
            }
        }
        finally
        {
            await Task.WhenAll(members.Where(m => m is not null).Select(m => m.DisposeAsync().AsTask()));
        }
        return timings;
    }

    /// <summary>Round trips, one after the other: a WebSocket echo (Kestrel alone) and a SignalR hub echo, same payload.</summary>
    internal static async Task<IEnumerable<BenchRow>> EchoAsync(Uri baseAddress, int messages, CancellationToken ct)
    {
        var payload = new byte[PayloadBytes];
        Random.Shared.NextBytes(payload);

        var ws = new Timings("ws echo");
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/_bench/ws"), ct);
            var buffer = new byte[PayloadBytes * 2];
            for (var i = -50; i < messages; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await socket.SendAsync(payload, WebSocketMessageType.Binary, true, ct);
                var total = 0;
                while (total < payload.Length)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(total), ct);
                    total += read.Count;
                }
                if (i >= 0) ws.Add(Stopwatch.GetElapsedTime(started));
            }
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
        }

        var hub = new Timings("hub echo");
        await using (var connection = BenchHub(baseAddress, IPAddress.Loopback))
        {
            await connection.StartAsync(ct);
            for (var i = -50; i < messages; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await connection.InvokeAsync<byte[]>("Echo", payload, ct);
                if (i >= 0) hub.Add(Stopwatch.GetElapsedTime(started));
            }
        }
        Console.WriteLine($"   echo round trips ({PayloadBytes:N0} bytes): WebSocket p50 {ws.Percentile(0.5):F3} ms, SignalR p50 {hub.Percentile(0.5):F3} ms");
        return
        [
            new BenchRow("WebSocket echo round trip p50 (ms)", ws.Percentile(0.5), null, "baseline"),
            new BenchRow("WebSocket echo round trip p99 (ms)", ws.Percentile(0.99), null, "baseline"),
            new BenchRow("SignalR hub echo round trip p50 (ms)", hub.Percentile(0.5), ws.Percentile(0.5), "baseline"),
            new BenchRow("SignalR hub echo round trip p99 (ms)", hub.Percentile(0.99), ws.Percentile(0.99), "baseline"),
            new BenchRow("SignalR hub echo, sequential (messages/s)", 1000 / hub.Mean, 1000 / ws.Mean, "baseline"),
        ];
    }

    /// <summary>Raw SQLite: one row per transaction into a WAL file, as a ring's single commit would be at its least.</summary>
    internal static async Task<BenchRow> SqliteAsync(int inserts, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"livecall-bench-raw-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(ct);
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (id BLOB PRIMARY KEY, at TEXT NOT NULL, name TEXT NOT NULL);";
                await setup.ExecuteNonQueryAsync(ct);
            }
            var timings = new Timings("sqlite insert");
            for (var i = 0; i < inserts; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO t (id, at, name) VALUES ($id, $at, $name)";
                insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToByteArray());
                insert.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$name", "Customer");
                await insert.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
                timings.Add(Stopwatch.GetElapsedTime(started));
            }
            Console.WriteLine($"   raw SQLite: one-row transactions p50 {timings.Percentile(0.5):F3} ms");
            return new BenchRow("Raw SQLite one-row transaction p50 (ms)", timings.Percentile(0.5), null, "baseline");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }
}
