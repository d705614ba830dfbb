using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveCall.Tests.Support;

/// <summary>
/// The real LiveCall.App as a child OS process, run with <c>dotnet LiveCall.App.dll</c> from the test's
/// build output (the test project references the app, so the app's dll, deps and runtime config sit
/// next to the test assembly). Killing it is a real crash: no shutdown code runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiting = [];

    private AppProcess(Process process) => _process = process;

    /// <summary>Completes when the process has ended (on its own or killed).</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    /// <summary>What the app wrote to stdout and stderr so far.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Completes with the first line of output (so far or to come) that <paramref name="match"/> accepts, e.g. a log message.</summary>
    public Task<string> LineAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            if (_output.FirstOrDefault(match) is { } line) seen.SetResult(line);
            else _waiting.Add((match, seen));
        }
        return seen.Task;
    }

    private void Received(string line)
    {
        lock (_waiting)
        {
            _output.Enqueue(line);
            TestLog.Append("process", line);
            foreach (var waiter in _waiting.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiting.Remove(waiter);
            }
        }
    }

    public static AppProcess Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(folder, "LiveCall.App.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", folder })
            start.ArgumentList.Add(arg);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app.Received(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app.Received(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        app.Exited = process.WaitForExitAsync();
        return app;
    }

    /// <summary>
    /// Waits until <c>/healthz</c> at <paramref name="baseAddress"/> answers 200 (true), or the process has ended or
    /// <paramref name="patience"/> ran out (false).
    /// </summary>
    public async Task<bool> WaitHealthyAsync(Uri baseAddress, TimeSpan patience)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        var healthy = await Eventually.PollAsync(async () =>
        {
            if (Exited.IsCompleted) return true;
            try { return (await client.GetAsync("healthz")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ok => ok, patience);
        return healthy && !Exited.IsCompleted;
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends it: the app shuts down by its own code.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>The exit code once <see cref="Exited"/> has completed.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGKILL for the app and anything it started, then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await Exited;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
