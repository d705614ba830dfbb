using System.Net;
using LiveCall.Core.Calls;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// The app as a child process killed with SIGKILL mid-ring and mid-call, then started again on the same database:
/// no stale alert goes out, the ring is a missed call once, the seller who was in the call is rung by the next customer.
/// </summary>
public sealed class RingCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    /// <summary>Longer than a kill takes after the customer's start returned; the ring is over before the restart.</summary>
    private static readonly TimeSpan EscalationDelay = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(8);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", $"crash-{Guid.NewGuid():N}");
    private string DbPath => Path.Combine(_dataDir, "livecall.db");

    [Fact]
    public async Task KilledMidRingAndMidCall_AfterTheRestart_NoStaleAlert_OneMissedCall_AndTheSellerFromTheCallIsRungAgain()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 202; r.Headers["X-Message-Id"] = "sg-1"; return Task.CompletedTask; });
        var inCall = await PrepareAsync();

        var port = AppProcess.FreePort();
        Guid ringId;
        await using (var first = AppProcess.Start(port, Environment(vonage.BaseUri, sendGrid.BaseUri, seatStaleAfter: "00:02:00")))
        {
            using var customer = await CustomerAsync(port, first);
            var (status, body) = await CustomerHttp.StartAsync(customer, "Clara Kunde");
            await first.KillAsync(); // mid-ring: the SMS and email are queued, due in a few seconds
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ringing", body.GetProperty("state").GetString());
            Assert.Equal(1, body.GetProperty("sellers").GetInt32()); // seller 2 is in the call
            ringId = body.GetProperty("callId").GetGuid();
        }
        var queued = await MessagesAsync(ringId);
        Assert.Equal(2, queued.Count(m => m.Status == OutboxStatus.Queued)); // seller 1's SMS and email, never picked up
        Assert.Empty(vonage.Requests);
        Assert.Empty(sendGrid.Requests);

        // The app stays down until the ring's time is over (a wait for the clock, not for the app).
        var created = (await CallAsync(ringId)).CreatedUtc;
        var over = created + RingTimeout - DateTime.UtcNow;
        if (over > TimeSpan.Zero) await Task.Delay(over + TimeSpan.FromMilliseconds(200));

        await using var second = AppProcess.Start(port, Environment(vonage.BaseUri, sendGrid.BaseUri, seatStaleAfter: "00:00:03"));
        await WaitForAsync(second.LineAsync(l => l.Contains($"Ring of call {ringId} ended: Unanswered", StringComparison.Ordinal)), second, "the missed ring to end");
        await WaitForAsync(second.LineAsync(l => l.Contains($"left call {inCall}: no instance holds the seat", StringComparison.Ordinal)), second,
            "the seats of the call on the dead instance to be given up");
        var withdrawn = await Eventually.PollAsync(() => MessagesAsync(ringId), m => m.All(x => x.Status != OutboxStatus.Queued), Patience);
        Assert.All(withdrawn, m => Assert.Equal(OutboxStatus.Cancelled, m.Status));

        // The next customer rings both sellers, seller 2 included (no longer "busy" in the dead call).
        using (var next = await CustomerAsync(port, second))
        {
            var (status, body) = await CustomerHttp.StartAsync(next, "Bernd Kunde");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(2, body.GetProperty("sellers").GetInt32());
        }
        await second.KillAsync();

        var missed = await CallAsync(ringId);
        Assert.Equal(CallState.Unanswered, missed.State);
        Assert.Single(second.Output.Split('\n'), l => l.Contains($"Ring of call {ringId} ended", StringComparison.Ordinal)); // once
        Assert.Equal(CallState.Ended, (await CallAsync(inCall)).State);
        var ids = queued.Select(m => m.Id.ToString("N")).ToHashSet();
        Assert.DoesNotContain(vonage.Requests, r => ids.Contains(QueryHelpers.ParseQuery(r.BodyText).GetValueOrDefault("client-ref").ToString()));
        Assert.DoesNotContain(sendGrid.Requests, r => queued.Any(m => r.BodyText.Contains(m.Id.ToString(), StringComparison.OrdinalIgnoreCase)
            || r.BodyText.Contains(m.Id.ToString("N"), StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The database as the app leaves it: demo seeded, Downtown always open with short ring and escalation times, both
    /// sellers signed in (on duty), seller 2 in a connected FollowUp call with a guest. Returns that call.
    /// </summary>
    private async Task<Guid> PrepareAsync()
    {
        await using var host = await ServiceHost.StartAsync(o =>
        {
            o.Start = DateTimeOffset.UtcNow;
            o.Settings["Database:Path"] = DbPath;
        });
        await using (var db = await host.DbAsync())
        {
            var downtown = await db.Locations.SingleAsync(l => l.Slug == "downtown");
            downtown.Update(downtown.Name, downtown.Slug, downtown.Country, downtown.TimeZoneId, OpeningHours.AlwaysOpen, RingTimeout);
            downtown.SetEscalationDelays(EscalationDelay, EscalationDelay);
            await db.SaveChangesAsync();
        }
        var duty = host.Get<SellerDuty>();
        var seller1 = await host.Data.ScopeOfAsync(TestData.Seller1);
        var seller2 = await host.Data.ScopeOfAsync(TestData.Seller2);
        await duty.SignedInAsync(seller1.UserId, default);
        await duty.SignedInAsync(seller2.UserId, default);
        var call = await host.Data.StartFollowUpAsync(TestData.Seller2);
        var guest = await host.Data.InviteGuestAsync(call.Id);
        var calls = host.Get<CallService>();
        Assert.Equal(JoinStatus.Joined, (await calls.JoinAsync(call.Id, new CallIdentity.Staff(seller2, "Stefan Seller"), default)).Status);
        var holder = await host.Get<CallAccessTokens>().ValidateAsync(guest.Token, default);
        Assert.Equal(JoinStatus.Joined, (await calls.JoinAsync(call.Id, holder!, default)).Status);
        Assert.Equal(CallState.Connected, (await host.Data.CallAsync(call.Id)).State);
        return call.Id;
    }

    private Dictionary<string, string> Environment(Uri vonage, Uri sendGrid, string seatStaleAfter)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Path"] = DbPath,
            ["Seed__DemoPassword"] = TestData.DemoPassword,
            ["App__PublicBaseUrl"] = "http://livecall.test/",
            ["Outbox__PollInterval"] = "00:00:00.200",
            ["Signaling__SeatHeartbeatInterval"] = "00:00:01",
            ["Signaling__SeatStaleAfter"] = seatStaleAfter,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in VonageStandIn.Settings(vonage).Concat(SendGridStandIn.Settings(sendGrid)))
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        return settings;
    }

    private async Task<HttpClient> CustomerAsync(int port, AppProcess app)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };
        if (!await app.WaitHealthyAsync(client.BaseAddress, Patience))
        {
            output.WriteLine(app.Output);
            Assert.Fail("The app did not start");
        }
        return client;
    }

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DbPath, DefaultTimeout = 30, Pooling = false }.ToString();

    private Core.Data.LiveCallDbContext Db() => new(new DbContextOptionsBuilder<Core.Data.LiveCallDbContext>().UseSqlite(ConnectionString).Options);

    private async Task<List<OutboxMessage>> MessagesAsync(Guid callId)
    {
        await using var db = Db();
        return await db.Outbox.AsNoTracking().Where(m => m.CallId == callId).ToListAsync();
    }

    private async Task<Call> CallAsync(Guid callId)
    {
        await using var db = Db();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId);
    }

    private async Task WaitForAsync(Task signal, AppProcess app, string what)
    {
        try
        {
            await Eventually.SignalAsync(signal, Patience, what, app.Exited);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: done");
        }
        catch (Exception)
        {
            output.WriteLine(app.Output);
            throw;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
