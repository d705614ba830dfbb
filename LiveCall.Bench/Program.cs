using System.Diagnostics;
using LiveCall.Bench;
using LiveCall.Bench.Outbox;
using LiveCall.Core.Live;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

// Modes: `dashboard` (the default: statistics queries over seeded calls), `outbox` (notification dispatch) and
// `ring` (incoming call: start → ring on the bus, ten concurrent accepts), `ringcost` (SQL per ring against 2 to 2,000
// open dashboards), `guests` (FollowUp guests joining while
// strangers try made-up links and forged cookies, against the published app), `circuits` (seller dashboards as real
// circuits against the published app: memory, idle CPU, ring fan-out and SQL per ring beside bare SignalR and SQLite),
// `bulkinsert` (a ring's emails by BulkInsert, beside one statement through EF and SaveChanges).
if (args is ["outbox", .. var outboxArgs]) return await OutboxBench.RunAsync(OutboxBenchArgs.Parse(outboxArgs), ct);
if (args is ["guests", .. var guestArgs]) return await LiveCall.Bench.Guests.GuestsBench.RunAsync(LiveCall.Bench.Guests.GuestsBenchArgs.Parse(guestArgs), ct);
if (args is ["circuits", .. var circuitArgs]) return await LiveCall.Bench.Circuits.CircuitsBench.RunAsync(LiveCall.Bench.Circuits.CircuitsBenchArgs.Parse(circuitArgs), ct);
if (args is ["bulkinsert", .. var bulkArgs]) return await LiveCall.Bench.Data.BulkInsertBench.RunAsync(bulkArgs.Contains("--quick"), ct);
if (args is ["ringcost", .. var costArgs]) return await LiveCall.Bench.Ring.RingCostBench.RunAsync(costArgs.Contains("--quick"), ct);
if (args is ["ring", .. var ringArgs]) return await LiveCall.Bench.Ring.RingBench.RunAsync(ringArgs is ["--rounds", var r] ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 200, ct);
var settings = BenchArgs.Parse(args is ["dashboard", .. var dashboardArgs] ? dashboardArgs : args);
var random = new Random(settings.Seed);
var time = new FixedTimeProvider(BenchArgs.Now);

await using var database = await BenchDatabase.CreateAsync(ct);
await using var connection = await database.OpenAsync(ct);
Console.WriteLine($"SQLite file (WAL): {database.FilePath}");

var locations = await TenantSeeder.SeedAsync(database.Factory, BenchArgs.Dealers, BenchArgs.LocationsPerDealer, BenchArgs.Now, random, ct);
await CallSeeder.CheckFormatMatchesEfAsync(database.Factory, connection, ct);
var seedTime = await CallSeeder.SeedAsync(connection, locations, settings.Rows, BenchArgs.Now, random, ct);
Console.WriteLine($"Seeded {settings.Rows:N0} calls for {BenchArgs.Dealers} dealers x {BenchArgs.LocationsPerDealer} locations in {seedTime.TotalSeconds:F1} s " +
    $"({new FileInfo(database.FilePath).Length / 1024.0 / 1024.0:F0} MB); now = {BenchArgs.Now:u}");

StatisticsService Statistics(Microsoft.EntityFrameworkCore.IDbContextFactory<LiveCall.Core.Data.LiveCallDbContext> factory) =>
    new(factory, Presence(factory, new InProcessLiveEventBus(NullLogger<InProcessLiveEventBus>.Instance)), time);
PresenceService Presence(Microsoft.EntityFrameworkCore.IDbContextFactory<LiveCall.Core.Data.LiveCallDbContext> factory, InProcessLiveEventBus bus) =>
    new(factory, bus, new SellerDuty(factory, bus, time, NullLogger<SellerDuty>.Instance), time);

// The biggest dealer (seeded first) and its first location.
var dealerId = locations[0].DealerId;
var platform = new TenantScope("bench-platform", StaffRole.PlatformAdmin, null, null);
var dealerAdmin = new TenantScope("bench-dealer", StaffRole.DealerAdmin, dealerId, null);
var seller = new TenantScope("bench-seller", StaffRole.Seller, dealerId, locations[0].LocationId);
var all = new StatisticsFilter();

Func<StatisticsService, CancellationToken, Task<object>>[] queries =
[
    async (s, c) => await s.GetFiguresAsync(platform, all, c),
    async (s, c) => await s.GetFiguresAsync(dealerAdmin, all, c),
    async (s, c) => await s.GetFiguresAsync(seller, all, c),
    async (s, c) => await s.GetHourlyAsync(dealerAdmin, all, c),
    async (s, c) => await s.GetHourlyAsync(platform, all, c),
];
string[] names =
[
    "Figures, platform admin (all dealers)",
    "Figures, dealer admin (5 locations)",
    "Figures, seller (one location)",
    "48-hour chart, dealer admin",
    "48-hour chart, platform admin",
    "SELECT COUNT(*) FROM Calls (bare)",
];

// Once, with the SQL captured: what the services return, how SQLite runs it, how many rows it reads.
Console.WriteLine();
Console.WriteLine("== Query plans (EXPLAIN QUERY PLAN of the SQL the services ran)");
var capture = new CommandCapture();
var traced = Statistics(database.FactoryWith(capture));
var indexed = true;
for (var i = 0; i < queries.Length; i++)
{
    capture.Clear();
    var result = await queries[i](traced, ct);
    Console.WriteLine(result is IReadOnlyList<HourlyCalls> hours
        ? $"{names[i]}: {hours.Sum(h => h.Incoming):N0} incoming, {hours.Sum(h => h.Accepted):N0} accepted, {hours.Sum(h => h.Unanswered):N0} unanswered in 48 h"
        : $"{names[i]}: {result}");
    indexed &= await QueryPlans.PrintAsync(connection, names[i], capture.Commands, ct);
}
await QueryPlans.PrintAsync(connection, names[^1], [new CapturedCommand("SELECT COUNT(*) FROM Calls", [])], ct); // a count scans by definition

// Timed: round-robin over the scenarios so drift hits them alike; a fresh context per call, as the app does.
var statistics = Statistics(database.Factory);
var timings = names.Select(n => new Timings(n)).ToArray();
long count = 0;
var loadBefore = LoadAverage();
for (var iteration = -settings.Warmup; iteration < settings.Iterations; iteration++)
{
    for (var i = 0; i < names.Length; i++)
    {
        var start = Stopwatch.GetTimestamp();
        if (i < queries.Length) await queries[i](statistics, ct);
        else count = await CountAsync(database, ct);
        if (iteration >= 0) timings[i].Add(Stopwatch.GetElapsedTime(start));
    }
}

Console.WriteLine();
Console.WriteLine($"== {count:N0} rows in Calls, {Environment.ProcessorCount} cores, {settings.Iterations} iterations after {settings.Warmup} warm-up, " +
    $".NET {Environment.Version}, SQLite {connection.ServerVersion}");
Console.WriteLine($"Load average (other processes on this machine) before / after timing: {loadBefore} / {LoadAverage()}");
Console.WriteLine($"{"Query",-40} {"p50 ms",9} {"p99 ms",9} {"mean ms",9}");
foreach (var t in timings)
    Console.WriteLine($"{t.Name,-40} {t.Percentile(0.50),9:F2} {t.Percentile(0.99),9:F2} {t.Mean,9:F2}");
Console.WriteLine(indexed ? "Every Calls read in the figures and chart queries is an index SEARCH." : "WARNING: a figures or chart query scans Calls (see plans above).");
return indexed ? 0 : 1;

static async Task<long> CountAsync(BenchDatabase database, CancellationToken ct)
{
    await using var connection = await database.OpenAsync(ct);
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT COUNT(*) FROM Calls";
    return (long)(await command.ExecuteScalarAsync(ct))!;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
