using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LiveCall.Bench.Apps;
using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Bench.Guests;

/// <summary>
/// FollowUp guests joining while strangers hammer the guest links: the Release app pinned to one core, valid guests
/// (each with a real invitation) joining over and over as a browser does (GET /j/{token} → cookie → GET /guest →
/// signaling hub → Join), first alone (the baseline, same run), then beside strangers with made-up links and forged
/// call cookies, each stranger from a loopback address of its own. Join latency counts from the scheduled start (open
/// loop, so a slow server cannot hide its own delay); the app's resident memory is sampled throughout.
/// </summary>
public static class GuestsBench
{
    public static async Task<int> RunAsync(GuestsBenchArgs args, CancellationToken ct)
    {
        Console.WriteLine($"Guests bench: {args.Valid} valid guests (a join every {args.JoinEvery.TotalSeconds:0.#} s each), " +
            $"{args.Strangers} strangers (an attempt every {args.AttemptEvery.TotalSeconds:0.#} s each); baseline {args.Baseline.TotalSeconds:0} s, load {args.Load.TotalSeconds:0} s");
        Console.WriteLine("Publishing LiveCall.App (Release)...");
        var folder = await PublishedApp.PublishAsync(ct);
        await using var app = await PublishedApp.StartAsync(folder, new Dictionary<string, string>
        {
            // The valid guests all come from 127.0.0.1: room for them on the signaling cap.
            ["Connections:HubConnectionsPerAddress"] = "1000",
        }, ct);
        Console.WriteLine($"App on {app.BaseAddress} (pid {app.ProcessId}, {(app.Pinned ? "pinned to core 0, bench on the others" : "not pinned: no taskset")}), {Environment.ProcessorCount} cores");

        var invitations = await InviteAsync(app.DatabasePath, args.Valid, ct);
        var memory = new MemorySampler(app);
        using var sampling = new CancellationTokenSource();
        var sampler = memory.RunAsync(sampling.Token);

        // Warm-up: every guest joins once (JIT, connection pools, SQLite page cache), not counted.
        await Task.WhenAll(invitations.Select(i => JoinAsync(app.BaseAddress, i, ct)));
        var rssQuiet = app.ResidentMegabytes();

        var baseline = await PhaseAsync(app, invitations, strangers: 0, args, args.Baseline, memory, ct);
        var rssBeforeLoad = app.ResidentMegabytes();
        var load = await PhaseAsync(app, invitations, args.Strangers, args, args.Load, memory, ct);
        var rssPeak = memory.PeakMegabytes;
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var rssAfter = app.ResidentMegabytes();
        await sampling.CancelAsync();
        await sampler;

        Console.WriteLine();
        Console.WriteLine($"{"Metric",-58} {"value",10} {"baseline",10} {"ratio",7} {"target",12}");
        Row("Valid guest join p50 (ms)", load.Joins.Percentile(0.50), baseline.Joins.Percentile(0.50), "");
        Row("Valid guest join p95 (ms)", load.Joins.Percentile(0.95), baseline.Joins.Percentile(0.95), "≤ 500 ms");
        Row("Valid guest join p99 (ms)", load.Joins.Percentile(0.99), baseline.Joins.Percentile(0.99), "");
        Row("Valid joins completed", load.Joins.Count, baseline.Joins.Count, "");
        Row("Valid joins failed", load.Failed, baseline.Failed, "0");
        Row("Stranger attempts per second", load.Attempts / args.Load.TotalSeconds, 0, "");
        Row("App CPU, % of its core", load.CpuPercent, baseline.CpuPercent, "");
        Row("App resident memory (MB): peak under load / quiet", rssPeak, rssQuiet, "bounded");
        Row("App resident memory (MB): 10 s after the load / before it", rssAfter, rssBeforeLoad, "");
        Console.WriteLine();
        Console.WriteLine("What the strangers got: " + string.Join(", ", load.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} × {o.Value}")));
        if (load.Errors.Count > 0) Console.WriteLine("Valid-guest errors (first 5): " + string.Join(" | ", load.Errors.Take(5)));

        var ok = load.Failed == 0 && baseline.Failed == 0 && load.Joins.Percentile(0.95) <= 500
            && load.Outcomes.Keys.All(k => k.StartsWith("refused", StringComparison.Ordinal));
        if (args.Json is { } json)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
            {
                scenario = "guests", args.Valid, args.Strangers, loadSeconds = args.Load.TotalSeconds,
                joinP50 = load.Joins.Percentile(0.5), joinP95 = load.Joins.Percentile(0.95), joinP99 = load.Joins.Percentile(0.99),
                baselineP50 = baseline.Joins.Percentile(0.5), baselineP95 = baseline.Joins.Percentile(0.95),
                failed = load.Failed, attemptsPerSecond = load.Attempts / args.Load.TotalSeconds,
                rssQuiet, rssPeak, rssAfter, strangers = load.Outcomes, ok,
            }, new JsonSerializerOptions { WriteIndented = true }), ct);
        }
        Console.WriteLine(ok ? "PASS: valid guests joined within target, every stranger was refused." : "FAIL: see the table above.");
        return ok ? 0 : 1;
    }

    private static void Row(string metric, double value, double baseline, string target) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{metric,-58} {value,10:F1} {(baseline == 0 ? "—" : baseline.ToString("F1", CultureInfo.InvariantCulture)),10} {(baseline == 0 ? "—" : (value / baseline).ToString("F2", CultureInfo.InvariantCulture)),7} {target,12}"));

    private sealed record Phase(Timings Joins, int Failed, ConcurrentBag<string> Errors, ConcurrentDictionary<string, int> Outcomes, long Attempts, double CpuPercent);

    private static async Task<Phase> PhaseAsync(PublishedApp app, IReadOnlyList<CallInvitation> invitations, int strangers, GuestsBenchArgs args,
        TimeSpan duration, MemorySampler memory, CancellationToken ct)
    {
        var joins = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        long attempts = 0;
        var failed = 0;
        var cpuBefore = app.CpuTime();
        var clock = Stopwatch.StartNew();

        var guests = invitations.Select((invitation, i) => Task.Run(async () =>
        {
            // Open loop: the k-th join of guest i is due at offset_i + k × JoinEvery, whether or not the last one was quick.
            var offset = args.JoinEvery * i / invitations.Count;
            for (var k = 0; ; k++)
            {
                var due = offset + args.JoinEvery * k;
                if (due >= duration) return;
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
                var result = await JoinAsync(app.BaseAddress, invitation, ct);
                if (result is null) joins.Add((clock.Elapsed - due).TotalMilliseconds);
                else
                {
                    Interlocked.Increment(ref failed);
                    errors.Add(result);
                }
            }
        }, ct)).ToList();

        var strangerTasks = Enumerable.Range(0, strangers).Select(i => Task.Run(async () =>
        {
            var from = IPAddress.Parse($"127.1.{i / 250}.{i % 250 + 1}");
            using var http = new HttpClient(SourceAddress.Handler(from)) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var offset = args.AttemptEvery * i / strangers;
            for (var k = 0; ; k++)
            {
                var due = offset + args.AttemptEvery * k;
                if (due >= duration) return;
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
                Interlocked.Increment(ref attempts);
                var outcome = k % 2 == 0 ? await BadLinkAsync(http, ct) : await ForgedCookieAsync(app.BaseAddress, from, ct);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
        }, ct)).ToList();

        await Task.WhenAll(guests.Concat(strangerTasks));
        var cpu = (app.CpuTime() - cpuBefore) / clock.Elapsed * 100;
        var timings = new Timings(strangers == 0 ? "baseline" : "load");
        foreach (var ms in joins) timings.Add(TimeSpan.FromMilliseconds(ms));
        Console.WriteLine($"  {(strangers == 0 ? "Baseline" : "Load"),-8}: {joins.Count} joins, {failed} failed, {attempts} stranger attempts, app CPU {cpu:F0} %, peak RSS so far {memory.PeakMegabytes:F0} MB");
        return new Phase(timings, failed, errors, outcomes, attempts, cpu);
    }

    /// <summary>One guest's way in, as the guest page does it; null when joined, else what went wrong.</summary>
    private static async Task<string?> JoinAsync(Uri baseAddress, CallInvitation invitation, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        try
        {
            using var http = new HttpClient(SourceAddress.Handler(IPAddress.Loopback, cookies)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var link = await http.GetAsync($"j/{invitation.Token}", ct);
            if (link.StatusCode != HttpStatusCode.Redirect || link.Headers.Location?.OriginalString != "/guest") return $"link answered {(int)link.StatusCode} {link.Headers.Location}";
            using var page = await http.GetAsync("guest", ct);
            if (!page.IsSuccessStatusCode) return $"guest page answered {(int)page.StatusCode}";
            await using var hub = SourceAddress.Hub(baseAddress, IPAddress.Loopback, cookies);
            await hub.StartAsync(ct);
            var joined = await hub.InvokeAsync<JsonElement>("Join", invitation.CallId, ct);
            var status = joined.GetProperty("status").GetString();
            await hub.StopAsync(ct);
            return status == "joined" ? null : $"Join answered {status}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or HubException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>A made-up guest link: the app must answer as for any wrong link (to /guest/invalid) and set no cookie.</summary>
    private static async Task<string> BadLinkAsync(HttpClient http, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"j/{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_')}", ct);
            var location = response.Headers.Location?.OriginalString;
            if (response.StatusCode == HttpStatusCode.Redirect && location == "/guest/invalid" && !response.Headers.Contains("Set-Cookie")) return "refused link (→ /guest/invalid)";
            return (int)response.StatusCode == 429 ? "refused link (429)" : $"LINK ANSWERED {(int)response.StatusCode} {location}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"link error {e.GetType().Name}";
        }
    }

    /// <summary>A forged call cookie straight at the signaling hub: Join must not let it in.</summary>
    private static async Task<string> ForgedCookieAsync(Uri baseAddress, IPAddress from, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie("livecall.call", Convert.ToHexString(RandomNumberGenerator.GetBytes(24))));
        try
        {
            await using var hub = SourceAddress.Hub(baseAddress, from, cookies);
            await hub.StartAsync(ct);
            var joined = await hub.InvokeAsync<JsonElement>("Join", Guid.NewGuid(), ct);
            var status = joined.GetProperty("status").GetString();
            await hub.StopAsync(ct);
            return status == "joined" ? "JOINED WITH A FORGED COOKIE" : $"refused join ({status})";
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or HubException or InvalidOperationException or IOException)
        {
            return e.Message.Contains("429", StringComparison.Ordinal) || e.Message.Contains("403", StringComparison.Ordinal) || e.Message.Contains("401", StringComparison.Ordinal)
                ? "refused hub connection" : $"hub error {e.GetType().Name}";
        }
    }

    /// <summary>Invites one guest into each of <paramref name="count"/> FollowUp calls of the demo's first seller, through the app's own services on its database.</summary>
    private static async Task<IReadOnlyList<CallInvitation>> InviteAsync(string databasePath, int count, CancellationToken ct)
    {
        var factory = new ServiceCollection()
            .AddDbContextFactory<LiveCallDbContext>(o => o.UseSqlite($"Data Source={databasePath};Default Timeout=30").AddInterceptors(new SqliteBusyTimeout()))
            .BuildServiceProvider().GetRequiredService<IDbContextFactory<LiveCallDbContext>>();
        await using var services = BenchServices.Build(factory, TimeProvider.System);
        await using var db = await factory.CreateDbContextAsync(ct);
        var seller = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "seller1@livecall.demo", ct);
        var scope = TenantScope.For(seller);
        var calls = services.GetRequiredService<CallService>();
        var tokens = services.GetRequiredService<CallAccessTokens>();
        var invitations = new List<CallInvitation>();
        for (var i = 0; i < count; i++)
        {
            var call = await calls.StartFollowUpAsync(scope, ct);
            invitations.Add(await tokens.InviteAsync(call.Id, ParticipantKind.Guest, $"Bench Guest {i}", TimeSpan.FromDays(1), ct));
        }
        return invitations;
    }

    /// <summary>Samples the app's resident memory every 500 ms and keeps the peak.</summary>
    private sealed class MemorySampler(PublishedApp app)
    {
        private double _peak;
        public double PeakMegabytes => Volatile.Read(ref _peak);

        public async Task RunAsync(CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var now = app.ResidentMegabytes();
                    if (now > _peak) Volatile.Write(ref _peak, now);
                    await Task.Delay(500, ct);
                }
            }
            catch (OperationCanceledException) { }
        }
    }
}
