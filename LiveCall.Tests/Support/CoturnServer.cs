using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace LiveCall.Tests.Support;

/// <summary>
/// A real coturn (Debian's <c>turnserver</c>, installed by scripts/test.sh) on 127.0.0.1 and a free UDP port, with
/// coturn's REST credentials (<c>use-auth-secret</c>) as a deployment runs it. Ready once it answers a STUN Binding
/// request; killed at dispose. Loopback peers are allowed (every test peer is 127.0.0.1), TLS and TCP are off.
/// </summary>
public sealed class CoturnServer : IAsyncDisposable
{
    public const string Realm = "livecall.test";
    private readonly Process _process;
    private readonly string _dir;

    private CoturnServer(Process process, string dir, int port, string secret)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Secret = secret;
    }

    public static string Executable => Environment.GetEnvironmentVariable("LIVECALL_TURNSERVER") ?? "/usr/bin/turnserver";

    public int Port { get; }
    public string Secret { get; }

    /// <summary>What coturn printed (its log goes to stdout), for failure messages.</summary>
    public string Log { get { lock (_log) return string.Join('\n', _log); } }
    private readonly List<string> _log = [];

    public static async Task<CoturnServer> StartAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"coturn is not installed ({Executable}): scripts/test.sh installs Debian's coturn package.");
        var dir = Directory.CreateTempSubdirectory("livecall-coturn-").FullName;
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var port = FreeUdpPort();
        // A relay port range of our own per server, so that two test classes never share one.
        var relayBase = 40000 + RandomNumberGenerator.GetInt32(0, 200) * 100;
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-c", "/dev/null", "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", $"--listening-port={port}",
            $"--min-port={relayBase}", $"--max-port={relayBase + 99}", "--use-auth-secret", $"--static-auth-secret={secret}",
            $"--realm={Realm}", "--no-tls", "--no-dtls", "--no-tcp", "--no-tcp-relay", "--allow-loopback-peers", "--no-cli",
            "--fingerprint", "--log-file=stdout", "--simple-log", $"--pidfile={Path.Combine(dir, "turnserver.pid")}",
            $"--db={Path.Combine(dir, "turndb")}",
        }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var server = new CoturnServer(process, dir, port, secret);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (server._log) server._log.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (server._log) server._log.Add(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitAnsweringAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Sends STUN Binding requests until one is answered (RFC 5389: a 20-byte header with the magic cookie).</summary>
    private async Task WaitAnsweringAsync(TimeSpan within)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited) throw new InvalidOperationException($"turnserver exited with {_process.ExitCode}:\n{Log}");
            var request = new byte[20];
            request[1] = 0x01; // Binding request
            new byte[] { 0x21, 0x12, 0xA4, 0x42 }.CopyTo(request, 4);
            RandomNumberGenerator.Fill(request.AsSpan(8, 12));
            await udp.SendAsync(request, new IPEndPoint(IPAddress.Loopback, Port));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            try
            {
                var answer = await udp.ReceiveAsync(wait.Token);
                if (answer.Buffer.Length >= 20 && answer.Buffer[0] == 0x01 && answer.Buffer[1] == 0x01) return; // Binding success
            }
            catch (OperationCanceledException)
            {
                // not listening yet
            }
        }
        throw new TimeoutException($"turnserver did not answer STUN on 127.0.0.1:{Port} within {within.TotalSeconds} s:\n{Log}");
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
