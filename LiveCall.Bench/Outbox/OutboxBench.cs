using System.Diagnostics;
using System.Globalization;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveCall.Bench.Outbox;

/// <summary>
/// Outbox dispatch to a Vonage stand-in (enqueue through <see cref="NotificationOutbox"/>, delivered by the
/// real <see cref="OutboxWorker"/>) next to a raw HttpClient POST loop to the same stand-in, in one run.
/// </summary>
public static class OutboxBench
{
    private const string Text = "Your video call is waiting: https://livecall.example/j/abc";

    public static async Task<int> RunAsync(OutboxBenchArgs settings, CancellationToken ct)
    {
        var n = settings.Messages;
        var parallelism = new OutboxOptions().Parallelism;
        var defaultLimit = new VonageOptions().MaxSendsPerSecond;
        await using var standIn = await SmsArrivals.StartAsync();
        using var http = new HttpClient();
        Console.WriteLine($"Vonage stand-in on {standIn.BaseUri}; {n:N0} messages per scenario; outbox parallelism {parallelism}, batch {new OutboxOptions().BatchSize}");

        // Warm-up (JIT, connections, SQLite): not reported.
        await RawAsync(http, standIn, 200, parallelism, ct);
        await OutboxAsync(standIn, 200, settings.RaisedLimit, preQueued: false, ct);

        var loadBefore = LoadAverage();
        OutboxRun[] runs =
        [
            await RawAsync(http, standIn, n, 1, ct),
            await RawAsync(http, standIn, n, parallelism, ct),
            await OutboxAsync(standIn, n, defaultLimit, preQueued: false, ct),
            await OutboxAsync(standIn, n, settings.RaisedLimit, preQueued: false, ct),
            await OutboxAsync(standIn, n, settings.RaisedLimit, preQueued: true, ct),
        ];

        Console.WriteLine();
        Console.WriteLine($"== Outbox dispatch vs raw HttpClient, {n:N0} SMS each, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"Load average before / after: {loadBefore} / {LoadAverage()}");
        Console.WriteLine($"{"Scenario",-46} {"msg/s",9} {"p50 ms",9} {"p99 ms",9} {"max ms",9}  Note");
        foreach (var run in runs)
            Console.WriteLine($"{run.Name,-46} {run.PerSecond,9:F0} {run.Latency.Percentile(0.50),9:F1} {run.Latency.Percentile(0.99),9:F1} {run.Latency.Percentile(1),9:F1}  {run.Note}");
        Console.WriteLine("Latency: raw = POST started -> stand-in read the form; outbox = EnqueueSmsAsync called -> stand-in read the form;");
        Console.WriteLine("pre-queued = all N committed before the worker starts, timed from the worker's start (dispatch alone, no enqueues competing).");
        Console.WriteLine($"Duplicate client-refs at the stand-in: {standIn.Duplicates}");
        return standIn.Duplicates == 0 ? 0 : 1;
    }

    private static async Task<OutboxRun> RawAsync(HttpClient http, SmsArrivals standIn, int n, int parallelism, CancellationToken ct)
    {
        var url = new Uri(standIn.BaseUri, "sms/json");
        var refs = new string[n];
        var starts = new long[n];
        var begin = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, c) =>
            {
                refs[i] = Guid.NewGuid().ToString("N");
                starts[i] = Stopwatch.GetTimestamp();
                using var content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["api_key"] = "bench-key", ["api_secret"] = "bench-secret", ["from"] = "LiveCall",
                    ["to"] = Number(i).TrimStart('+'), ["text"] = Text, ["client-ref"] = refs[i],
                });
                using var response = await http.PostAsync(url, content, c);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsStringAsync(c);
            });
        var elapsed = Stopwatch.GetElapsedTime(begin);
        var name = parallelism == 1 ? "Raw HttpClient POST, sequential" : $"Raw HttpClient POST, {parallelism} in parallel";
        return new OutboxRun(name, n, elapsed, Latencies(standIn, refs, starts));
    }

    /// <param name="preQueued">Commit all messages before the worker starts and time the drain alone; otherwise enqueue while the worker runs.</param>
    private static async Task<OutboxRun> OutboxAsync(SmsArrivals standIn, int n, int maxSendsPerSecond, bool preQueued, CancellationToken ct)
    {
        await using var database = await BenchDatabase.CreateAsync(ct);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vonage:ApiKey"] = "bench-key",
            ["Vonage:ApiSecret"] = "bench-secret",
            ["Vonage:From"] = "LiveCall",
            ["Vonage:BaseUrl"] = standIn.BaseUri.ToString(),
            ["Vonage:MaxSendsPerSecond"] = maxSendsPerSecond.ToString(CultureInfo.InvariantCulture),
            // The abuse limits would refuse a benchmark's volume; they are still checked (and timed) on every enqueue.
            ["SmsLimits:AllowedCountries:0"] = "DE",
            ["SmsLimits:CooldownPerNumber"] = "00:00:00",
            ["SmsLimits:GlobalHourly"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(database.Factory);
        builder.Services.AddNotificationDelivery();
        using var host = builder.Build();
        if (!preQueued) await host.StartAsync(ct);

        var outbox = host.Services.GetRequiredService<NotificationOutbox>();
        var expected = standIn.Received + n;
        var refs = new string[n];
        var starts = new long[n];
        var begin = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            starts[i] = Stopwatch.GetTimestamp();
            var result = await outbox.EnqueueSmsAsync(new SmsRequest(Number(i), Text, OutboxPurpose.Other, null, null), ct);
            refs[i] = (result.MessageId ?? throw new InvalidOperationException($"The outbox refused message {i}: {result.Refusal}")).ToString("N");
        }
        var enqueued = Stopwatch.GetElapsedTime(begin);
        if (preQueued)
        {
            begin = Stopwatch.GetTimestamp();
            Array.Fill(starts, begin);
            await host.StartAsync(ct);
        }
        await standIn.WaitForAsync(expected, TimeSpan.FromSeconds(60 + 2.0 * n / maxSendsPerSecond), ct);
        var elapsed = Stopwatch.GetElapsedTime(begin, refs.Max(standIn.ArrivalOf));
        var allSent = await WaitAllSentAsync(database, n, ct);
        await host.StopAsync(ct);

        var note = $"enqueue alone {n / enqueued.TotalSeconds:F0}/s; {(allSent ? "all rows Sent" : "NOT all rows Sent")}";
        var name = preQueued ? $"Outbox, {n:N0} pre-queued, limit {maxSendsPerSecond}/s" : $"Outbox, Vonage limit {maxSendsPerSecond}/s";
        return new OutboxRun(name, n, elapsed, Latencies(standIn, refs, starts), note);
    }

    private static Timings Latencies(SmsArrivals standIn, string[] refs, long[] starts)
    {
        var timings = new Timings("latency");
        for (var i = 0; i < refs.Length; i++) timings.Add(Stopwatch.GetElapsedTime(starts[i], standIn.ArrivalOf(refs[i])));
        return timings;
    }

    /// <summary>The stand-in answered; the worker records "Sent" right after. Waits (bounded) until every row says so.</summary>
    private static async Task<bool> WaitAllSentAsync(BenchDatabase database, int n, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await database.Factory.CreateDbContextAsync(ct);
            if (await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent, ct) == n) return true;
            await Task.Delay(20, ct);
        }
        return false;
    }

    /// <summary>Distinct German mobile numbers (the per-number cooldown is off anyway).</summary>
    private static string Number(int i) => $"+4915112{i % 1_000_000:D6}";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
