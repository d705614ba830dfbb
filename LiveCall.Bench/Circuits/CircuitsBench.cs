using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCall.Bench.Apps;
using LiveCall.Tests.Support;
using LiveCall.Tests.Support.Circuits;

namespace LiveCall.Bench.Circuits;

/// <summary>
/// Seller dashboards as real Blazor Server circuits (<see cref="HeadlessCircuit"/>, no browser) against the Release app
/// pinned to one core, the harness on the other. For each size N: a location with N sellers is seeded through the
/// bench-only endpoints, every seller's dashboard circuit is opened (150 per loopback source address, as offices would
/// be), and the bench reads what a circuit costs (live managed heap after a full GC, resident memory, idle CPU), then
/// rings: a customer presses "Start video call" over HTTP (each round from an address of its own) and the time runs from
/// just before that request until the caller's name is in each circuit's render batch. SQL commands per ring come from
/// the app's own counter. Beside it, in the same run and the same process: a bare SignalR hub broadcasting the same
/// number of bytes to a group of N, a SignalR echo, a WebSocket echo, and raw SQLite inserts.
/// </summary>
public static class CircuitsBench
{
    internal const int CircuitsPerAddress = 150;
        internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(CircuitsBenchArgs args, CancellationToken ct)
    {
        Console.WriteLine($"Circuits bench: dashboards {string.Join(", ", args.Sizes)}; {args.Rounds} rings each after 2 warm-up rings");
        Console.WriteLine("Publishing LiveCall.App (Release)...");
        var folder = await PublishedApp.PublishAsync(ct);
        await using var app = await PublishedApp.StartAsync(folder, new Dictionary<string, string> { ["Bench:Enabled"] = "true" }, ct);
        Console.WriteLine($"App on {app.BaseAddress} (pid {app.ProcessId}, {(app.Pinned ? "pinned to core 0, bench on the others" : "not pinned: no taskset")}), {Environment.ProcessorCount} cores");
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var rows = new List<BenchRow>();
        var echo = await CircuitsBaselines.EchoAsync(app.BaseAddress, args.Quick ? 500 : 2_000, ct);
        rows.AddRange(echo);
        rows.Add(await CircuitsBaselines.SqliteAsync(args.Quick ? 300 : 1_000, ct));

        double? ringSqlBaseline = null, answeredBaseline = null;
        var customerRound = 0;
        foreach (var size in args.Sizes)
        {
            Console.WriteLine($"-- {size} dashboards");
            var stage = await StageAsync(app, http, size, args, () => customerRound++, ct);
            ringSqlBaseline ??= stage.SqlPerRing;
            answeredBaseline ??= stage.Answered.Percentile(0.5);
            rows.Add(new BenchRow($"Live managed heap per circuit (KB), {size} open", stage.HeapPerCircuitKb, null, "≤ 250"));
            rows.Add(new BenchRow($"Resident memory per circuit (KB), {size} open", stage.RssPerCircuitKb, null, ""));
            rows.Add(new BenchRow($"Idle CPU with {size} open (% of one core)", stage.IdleCpuPercent, null, "≤ 5"));
            rows.Add(new BenchRow($"Circuit open p50 (ms), {size} opened", stage.Open.Percentile(0.5), null, ""));
            rows.Add(new BenchRow($"Ring fan-out p50 (ms), {size} rung", stage.FanOut.Percentile(0.5), stage.GroupSend.Percentile(0.5), ""));
            rows.Add(new BenchRow($"Ring fan-out p99 (ms), {size} rung", stage.FanOut.Percentile(0.99), stage.GroupSend.Percentile(0.99),
                size <= 20 ? "≤ 15, ≤ 2×" : size >= 1000 ? "≤ 100, ≤ 2×" : "≤ 2×"));
            rows.Add(new BenchRow($"Customer's start answered p50 (ms), {size} rung", stage.Answered.Percentile(0.5), answeredBaseline, "flat"));
            rows.Add(new BenchRow($"SQL commands per ring, {size} dashboards", stage.SqlPerRing, ringSqlBaseline, "≤ 15, flat"));
        }

        Console.WriteLine();
        Console.WriteLine($"{"Metric",-52} {"value",10} {"baseline",10} {"ratio",7}  target");
        foreach (var row in rows)
            Console.WriteLine($"{row.Metric,-52} {Format(row.Value),10} {Format(row.Baseline),10} {(row.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : ""),7}  {row.Target}");
        Console.WriteLine("Baselines: a fan-out's is the bare SignalR group send of the same size, in the same run; SQL per ring's and the start's are the first size's.");

        if (args.Json is { } json)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                scenario = "circuits", date = DateTime.UtcNow, cores = Environment.ProcessorCount, pinned = app.Pinned, sizes = args.Sizes, args.Rounds,
                rows = rows.Select(r => new { metric = r.Metric, value = r.Value, baseline = r.Baseline, ratio = r.Ratio, target = r.Target }),
            }, new JsonSerializerOptions { WriteIndented = true }), ct);
            Console.WriteLine($"JSON: {json}");
        }
        return 0;
    }


    private static string Format(double? value) => value switch
    {
        null => "",
        double.NaN => "n/a",
        >= 100 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("F2", CultureInfo.InvariantCulture),
    };

    private sealed record Stage(double HeapPerCircuitKb, double RssPerCircuitKb, double IdleCpuPercent, Timings Open, Timings FanOut, Timings GroupSend, Timings Answered, double SqlPerRing);

    private static async Task<Stage> StageAsync(PublishedApp app, HttpClient http, int size, CircuitsBenchArgs args, Func<int> nextCustomer, CancellationToken ct)
    {
        var seeded = (await (await http.PostAsJsonAsync("_bench/seed", new { Locations = 1, SellersPerLocation = size }, ct)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<Seeded>(ct))!;
        var location = seeded.Locations[0];
        var before = await CountersAsync(http, gc: true, ct);
        var rssBefore = app.ResidentMegabytes();

        var open = new Timings("open");
        var circuits = new HeadlessCircuit[size];
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(location.SellerIds.Select(async (sellerId, i) =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    circuits[i] = await OpenDashboardAsync(app.BaseAddress, sellerId, Source(2, i / CircuitsPerAddress), ct);
                    open.Add(Stopwatch.GetElapsedTime(started));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct); // the dashboards' first figures and presence settle
            var after = await CountersAsync(http, gc: true, ct);
            var heapPerCircuit = (after.ManagedHeapBytes - before.ManagedHeapBytes) / 1024.0 / size;
            var rssPerCircuit = (app.ResidentMegabytes() - rssBefore) * 1024 / size;

            Console.WriteLine($"   {size} circuits open in the app (pid {app.ProcessId}); idle for {args.Idle.TotalSeconds:0} s");
            var cpu = app.CpuTime();
            var batches = circuits.Sum(c => c.RenderBatches);
            var jsCalls = circuits.Sum(c => c.JsCalls);
            var sqlIdle = (await CountersAsync(http, gc: false, ct)).SqlCommands;
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(args.Idle, ct);
            var idleCpu = (app.CpuTime() - cpu).TotalMilliseconds / idleClock.Elapsed.TotalMilliseconds * 100;
            Console.WriteLine($"   while idle: {circuits.Sum(c => c.RenderBatches) - batches} render batches, {circuits.Sum(c => c.JsCalls) - jsCalls} JS calls, " +
                $"{(await CountersAsync(http, gc: false, ct)).SqlCommands - sqlIdle} SQL commands");
            Console.WriteLine($"   {size} circuits open: {heapPerCircuit:F0} KB heap, {rssPerCircuit:F0} KB resident each; idle CPU {idleCpu:F1} %");

            var fanOut = new Timings("fan-out");
            var answered = new Timings("start answered");
            var sql = new List<long>();
            for (var round = -2; round < args.Rounds; round++)
            {
                var (latencies, startAnswered, sqlCommands) = await RingAsync(http, app.BaseAddress, seeded.DealerSlug, location, circuits, nextCustomer(), ct);
                if (round < 0) continue;
                foreach (var latency in latencies) fanOut.Add(latency);
                answered.Add(startAnswered);
                sql.Add(sqlCommands);
            }
            foreach (var circuit in circuits)
                if (circuit.Ended.IsCompleted) throw new InvalidOperationException($"A circuit ended during the rings: {circuit.Ended.Result.Message}");

            var groupSend = await CircuitsBaselines.GroupSendAsync(app.BaseAddress, size, args.Rounds + 2, ct);
            Console.WriteLine($"   ring fan-out p50 {fanOut.Percentile(0.5):F1} ms, p99 {fanOut.Percentile(0.99):F1} ms; bare group send p50 {groupSend.Percentile(0.5):F1} ms, " +
                $"p99 {groupSend.Percentile(0.99):F1} ms; the customer's start answered p50 {answered.Percentile(0.5):F1} ms; SQL per ring {Median(sql)}");
            return new Stage(heapPerCircuit, rssPerCircuit, idleCpu, open, fanOut, groupSend, answered, Median(sql));
        }
        finally
        {
            await Task.WhenAll(circuits.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static double Median(List<long> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    /// <summary>A loopback address of its own for each block of clients: 127.{block}.{k / 250}.{k % 250 + 1}.</summary>
    internal static IPAddress Source(int block, int k) => new([127, (byte)block, (byte)(k / 250), (byte)(k % 250 + 1)]);

    private static async Task<HeadlessCircuit> OpenDashboardAsync(Uri baseAddress, string sellerId, IPAddress from, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using (var signIn = new HttpClient(SourceAddress.Handler(from, cookies)) { BaseAddress = baseAddress })
            (await signIn.PostAsync($"_bench/signin/{sellerId}", null, ct)).EnsureSuccessStatusCode();
        var circuit = await HeadlessCircuit.OpenAsync(baseAddress, "/", cookies, new HeadlessCircuitOptions
        {
            From = from, JsResults = DashboardScripts.Results, WatchAttributes = [("data-ready", "true")], OpenTimeout = Patience,
        }, ct);
        await circuit.WaitForAttributeAsync("data-ready", "true", Patience, ct);
        return circuit;
    }

    /// <summary>
    /// One customer's "Start video call" (from an address of its own, so no per-network limit is reached), until the
    /// caller's name is in every circuit; then the customer cancels. Latency from just before the request was sent.
    /// </summary>
    private static async Task<(List<TimeSpan> Latencies, TimeSpan Answered, long Sql)> RingAsync(HttpClient http, Uri baseAddress, string dealer, SeededLocation location,
        HeadlessCircuit[] circuits, int customer, CancellationToken ct)
    {
        var name = "Customer " + Letters(customer);
        foreach (var circuit in circuits) circuit.Watch(name);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(SourceAddress.Handler(Source(1, customer), cookies)) { BaseAddress = baseAddress };
        browser.DefaultRequestHeaders.Add("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
        var sqlBefore = (await CountersAsync(http, gc: false, ct)).SqlCommands;

        var sent = Stopwatch.GetTimestamp();
        using var response = await browser.PostAsJsonAsync($"api/incoming/{dealer}/{location.Slug}/start", new { name, privacyAccepted = true }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var answered = Stopwatch.GetElapsedTime(sent);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The customer's start answered {(int)response.StatusCode}: {body}");
        var view = JsonSerializer.Deserialize<StartView>(body, JsonSerializerOptions.Web)!;
        if (view.State != "ringing" || view.Sellers != circuits.Length)
            throw new InvalidOperationException($"The call should ring {circuits.Length} sellers: {body}");

        var seen = await Task.WhenAll(circuits.Select(c => c.WaitForTextAsync(name, Patience, ct)));
        var sql = (await CountersAsync(http, gc: false, ct)).SqlCommands - sqlBefore;
        (await browser.PostAsync($"api/incoming/calls/{view.CallId}/cancel", null, ct)).EnsureSuccessStatusCode();
        await Task.Delay(200, ct); // the toasts go; the next ring starts on quiet dashboards
        return ([.. seen.Select(at => Stopwatch.GetElapsedTime(sent, at))], answered, sql);
    }

    private static string Letters(int n)
    {
        var letters = "";
        do
        {
            letters = (char)('a' + n % 26) + letters;
            n /= 26;
        } while (n > 0);
        return char.ToUpperInvariant(letters[0]) + letters[1..] + "son";
    }

    private sealed record StartView(string State, Guid? CallId, int? Sellers);

    private sealed record SeededLocation(Guid Id, string Slug, IReadOnlyList<string> SellerIds);

    private sealed record Seeded(Guid DealerId, string DealerSlug, IReadOnlyList<SeededLocation> Locations);

    private sealed record Counters(long SqlCommands, long DashboardComputations, long ManagedHeapBytes);

    private static async Task<Counters> CountersAsync(HttpClient http, bool gc, CancellationToken ct) =>
        (await http.GetFromJsonAsync<Counters>(gc ? "_bench/counters?gc=true" : "_bench/counters", ct))!;

}
