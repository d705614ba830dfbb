using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// "First accept wins" and the database under pressure: two sellers pressing Accept at the same moment 100 times while
/// other writers keep the database busy, and 50 writers waiting out a second process that holds SQLite's write lock.
/// </summary>
public sealed class AcceptRaceTests
{
    [Fact]
    public async Task TwoSellersAcceptingTheSameCall_100TimesUnderLoad_HaveExactlyOneWinnerEachTime()
    {
        await using var h = await ServiceHost.StartAsync();
        var sellers = new[] { await h.Data.ScopeOfAsync(TestData.Seller1), await h.Data.ScopeOfAsync(TestData.Seller2) };
        foreach (var seller in sellers) await h.Data.OpenDashboardAsync(seller);
        var incoming = h.Get<IncomingCallService>();
        var downtown = await h.Data.LocationAsync("downtown");
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(i => Task.Run(() => WriteUntilAsync(h, downtown, $"load-{i}", stop.Token))).ToList();

        var winners = new List<string>();
        for (var round = 0; round < 100; round++)
        {
            var start = await incoming.StartAsync(TestData.DemoDealer, "downtown", $"Racer {round}", default);
            Assert.True(start.Ringing, $"round {round} did not ring");
            var callId = start.CallId!.Value;
            var results = await Task.WhenAll(sellers.Select(s => Task.Run(() => incoming.AcceptAsync(callId, s, default))));

            var winner = Assert.Single(results, r => r.Outcome == AcceptOutcome.Won);
            var loser = Assert.Single(results, r => r != winner);
            Assert.Equal(AcceptOutcome.AlreadyTaken, loser.Outcome);
            var call = await h.Data.CallAsync(callId);
            winners.Add(call.AcceptedByUserId!);
            // The call ends so that both sellers are free for the next round.
            await using var db = await h.DbAsync();
            await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CallState.Ended).SetProperty(c => c.EndedUtc, DateTime.UtcNow));
        }
        await stop.CancelAsync();
        var written = (await Task.WhenAll(load)).Sum();

        Assert.Equal(100, winners.Count);
        Assert.All(winners, w => Assert.Contains(w, sellers.Select(s => s.UserId)));
        Assert.True(written > 0, "the background writers wrote nothing: there was no load");
    }

    [Fact]
    public async Task FiftyWriters_WhileAnotherProcessHoldsTheWriteLockFor10Seconds_AllWaitAndNothingIsLost()
    {
        await using var h = await ServiceHost.StartAsync();
        var downtown = await h.Data.LocationAsync("downtown");
        var database = Path.Combine(h.DataDirectory, "livecall.db");
        using var locker = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3",
            ["-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(10); c.execute('COMMIT')", database])
        { RedirectStandardOutput = true })!;
        Assert.Equal("locked", await locker.StandardOutput.ReadLineAsync());

        var writers = Enumerable.Range(0, 50).Select(i => Task.Run(() => WriteOneAsync(h, downtown, $"writer-{i}"))).ToList();
        var blocked = await Task.WhenAny(Task.WhenAll(writers), Task.Delay(TimeSpan.FromSeconds(2))) != Task.WhenAll(writers);
        await Task.WhenAll(writers);
        await locker.WaitForExitAsync();

        Assert.True(blocked, "the writers did not wait for the lock: the other process held none");
        Assert.Equal(0, locker.ExitCode);
        await using var db = await h.DbAsync();
        Assert.Equal(50, await db.CallbackRequests.CountAsync(r => r.Name.StartsWith("writer-")));
    }

    private static async Task<int> WriteUntilAsync(ServiceHost h, Core.Dealers.Location location, string name, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            await WriteOneAsync(h, location, name);
            count++;
        }
        return count;
    }

    private static async Task WriteOneAsync(ServiceHost h, Core.Dealers.Location location, string name)
    {
        await using var db = await h.DbAsync();
        db.CallbackRequests.Add(new CallbackRequest(location.DealerId, location.Id, null, name, null, null, null, DateTime.UtcNow));
        await db.SaveChangesAsync();
    }
}
