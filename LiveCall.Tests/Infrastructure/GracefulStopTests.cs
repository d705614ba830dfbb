using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LiveCall.Tests.Support;
using Xunit.Abstractions;

namespace LiveCall.Tests.Infrastructure;

/// <summary>
/// <c>docker stop</c>: SIGTERM, then SIGKILL 10 s later. With 200 connections open (signaling WebSockets and a customer's
/// status stream) the app stops by itself well inside that, and every client sees its connection end.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DockerGrace = TimeSpan.FromSeconds(10);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("livecall-stop-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sigterm_With200OpenConnections_StopsWithinDockersGrace_AndEveryClientSeesItsConnectionEnd()
    {
        var port = AppProcess.FreePort();
        await using var app = AppProcess.Start(port, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Path"] = Path.Combine(_dataDir, "livecall.db"),
            ["Seed__DemoPassword"] = TestData.DemoPassword,
            // The host would wait 60 s for open requests: only our own code ending them on stopping makes 10 s.
            ["DOTNET_shutdownTimeoutSeconds"] = "60",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilHealthyAsync(app, baseAddress);

        using var seller = new StaffHttpClient(baseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await seller.LoginAsync(TestData.Seller1, TestData.DemoPassword)).Response.StatusCode);
        using var customer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress, Timeout = Patience };
        var start = await customer.PostAsync($"api/incoming/{TestData.DemoDealer}/downtown/start",
            JsonContent(new { name = "Stella Stream", privacyAccepted = true }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var callId = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("callId").GetGuid();
        using var events = await customer.GetAsync($"api/incoming/calls/{callId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        var stream = await events.Content.ReadAsStreamAsync();
        var streamEnded = ReadToEndAsync(stream);

        var hubClients = new List<SignalingTestClient>();
        for (var i = 0; i < 199; i++) hubClients.Add(await SignalingTestClient.ConnectAsync(baseAddress));

        var stopwatch = Stopwatch.StartNew();
        await app.TerminateAsync();
        var exited = await Task.WhenAny(app.Exited, Task.Delay(DockerGrace)) == app.Exited;
        output.WriteLine($"exited after {stopwatch.ElapsedMilliseconds} ms: {exited}");
        if (!exited) output.WriteLine(app.Output);

        Assert.True(exited, "the app was still running 10 s after SIGTERM: docker would have killed it");
        Assert.Equal(0, app.ExitCode);
        // The process is gone; each client notices its socket's end on its own read loop, a moment later on a busy
        // machine (seen in a full run: 39 of 199 not yet at the instant of the exit). Awaited, bounded: one that never
        // sees it fails.
        await Task.WhenAny(Task.WhenAll([streamEnded, .. hubClients.Select(c => (Task)c.Closed)]), Task.Delay(DockerGrace));
        Assert.True(streamEnded.IsCompleted, "the customer's status stream did not end when the app had gone");
        Assert.All(hubClients, c => Assert.True(c.Closed.IsCompleted, "a signaling client did not see its connection end"));
        foreach (var client in hubClients) await client.DisposeAsync();
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task ReadToEndAsync(Stream stream)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer) > 0) { }
        }
        catch (IOException) { } // cut off: ended too, judged by the test's order of events
    }

    private async Task WaitUntilHealthyAsync(AppProcess app, Uri baseAddress)
    {
        if (await app.WaitHealthyAsync(baseAddress, Patience)) return;
        output.WriteLine(app.Output);
        Assert.Fail("The app did not start");
    }
}
