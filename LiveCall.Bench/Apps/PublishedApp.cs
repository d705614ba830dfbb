using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LiveCall.Bench.Apps;

/// <summary>
/// LiveCall.App as a measured process: published in Release once per bench run, started with <c>dotnet LiveCall.App.dll</c>
/// on 127.0.0.1 and a free port, pinned to core 0 with <c>taskset</c> where it exists (the bench itself then keeps to the
/// other cores), in Development with its demo seed and a database of its own. Killed at dispose.
/// </summary>
public sealed class PublishedApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;
    private readonly List<string> _output = [];

    private PublishedApp(Process process, string dataDir, Uri baseAddress, bool pinned)
    {
        _process = process;
        _dataDir = dataDir;
        BaseAddress = baseAddress;
        Pinned = pinned;
    }

    public Uri BaseAddress { get; }
    public bool Pinned { get; }
    public string DatabasePath => Path.Combine(_dataDir, "livecall.db");
    public int ProcessId => _process.Id;

    /// <summary>Publishes the app (Release) into artifacts/bench/app; returns that folder.</summary>
    public static async Task<string> PublishAsync(CancellationToken ct)
    {
        var root = SolutionRoot();
        var output = Path.Combine(root, "artifacts", "bench", "app");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "LiveCall.App", "LiveCall.App.csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var log = await publish.StandardOutput.ReadToEndAsync(ct) + await publish.StandardError.ReadToEndAsync(ct);
        await publish.WaitForExitAsync(ct);
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{log}");
        return output;
    }

    public static async Task<PublishedApp> StartAsync(string folder, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("livecall-bench-app-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var pinned = File.Exists("/usr/bin/taskset") && Environment.ProcessorCount > 1;
        var dll = Path.Combine(folder, "LiveCall.App.dll");
        var start = new ProcessStartInfo(pinned ? "/usr/bin/taskset" : "dotnet")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in (pinned ? new[] { "-c", "0", "dotnet" } : []).Concat([dll, "--urls", baseAddress.GetLeftPart(UriPartial.Authority), "--contentRoot", folder]))
            start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Path"] = Path.Combine(dataDir, "livecall.db");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start };
        var app = new PublishedApp(process, dataDir, baseAddress, pinned);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (app._output) app._output.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (app._output) app._output.Add(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (pinned && OperatingSystem.IsLinux())
        {
            // The bench harness keeps off the app's core.
            var others = Enumerable.Range(1, Environment.ProcessorCount - 1).Aggregate(0L, (mask, core) => mask | 1L << core);
            Process.GetCurrentProcess().ProcessorAffinity = (nint)others;
        }

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var patience = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{app.Output}");
            try
            {
                if ((await http.GetAsync("healthz", ct)).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (patience.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"The app was not healthy within 90 s:\n{app.Output}");
            await Task.Delay(200, ct);
        }
    }

    public string Output { get { lock (_output) return string.Join('\n', _output.TakeLast(40)); } }

    /// <summary>The app's resident memory now (VmRSS), in MB; 0 where /proc is missing.</summary>
    public double ResidentMegabytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return 0;
        // With taskset the process is taskset's child: dotnet replaces taskset by exec, so the pid is the same.
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>CPU time the app has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveCall.sln"))) return dir.FullName;
        throw new InvalidOperationException("LiveCall.sln not found above the bench's folder.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
