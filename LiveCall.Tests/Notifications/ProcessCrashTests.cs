using LiveCall.Core.Data;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace LiveCall.Tests.Notifications;

/// <summary>The outbox survives a real crash: the app is a child process killed with SIGKILL and started again on the same database.</summary>
public sealed class ProcessCrashTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>An upper bound for failing, not a pause: an app start takes 2-5 s here, but far longer on a machine busy with other work.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"livecall-crash-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Sms_WhenTheAppIsKilledBetweenCommitAndSend_IsSentExactlyOnceAfterRestart()
    {
        // The provider's port first belongs to a listener that never answers: the first app claims the
        // message, starts the send and hangs there, before any provider has read a byte of it.
        Guid id;
        int providerPort;
        using (var hanging = new HangingProvider())
        {
            providerPort = hanging.Port;
            id = await EnqueueSmsAsync();
            await using var first = AppProcess.Start(AppProcess.FreePort(), AppEnvironment(providerPort));
            await WaitForAsync(hanging.Connected, first, "the first app to start sending");
            var claimed = await MessageAsync(id);
            Assert.Equal((OutboxStatus.Sending, 1), (claimed.Status, claimed.Attempts));

            await first.KillAsync();
        }

        // The same configuration again, and now the provider answers.
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var vonage = await StandInServer.StartAsync((request, _, response) =>
        {
            if (ClientRef(request) == id.ToString("N")) received.TrySetResult();
            return VonageStandIn.Status(response, "0");
        }, providerPort);
        await using (var second = AppProcess.Start(AppProcess.FreePort(), AppEnvironment(providerPort)))
        {
            await WaitForAsync(received.Task, second, "the restarted app to send");
            // The dispatcher logs "sent" right after it recorded the outcome: the app's own word, no polling of the row.
            await WaitForAsync(second.LineAsync(l => l.Contains($"Outbox {id} (Sms) sent on attempt", StringComparison.Ordinal)), second, "the restarted app to record the send");
            await second.KillAsync();
        }

        var message = await MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(2, message.Attempts);
        var request = Assert.Single(vonage.Requests);
        Assert.Equal(id.ToString("N"), ClientRef(request));
    }

    private Dictionary<string, string> AppEnvironment(int providerPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Path"] = _dbPath,
        ["Seed__DemoPassword"] = "Crash-Test-2026!",
        ["Vonage__ApiKey"] = "key123",
        ["Vonage__ApiSecret"] = "secret456",
        ["Vonage__From"] = "LiveCall",
        ["Vonage__BaseUrl"] = $"http://127.0.0.1:{providerPort}/",
        // Longer than the test: the first app never gives up on the hanging send before it is killed.
        ["Vonage__Timeout"] = "00:00:30",
        // The dead worker's claim runs out quickly, so the restarted app may take the message over.
        ["Outbox__LeaseDuration"] = "00:00:02",
        ["Outbox__PollInterval"] = "00:00:00.200",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Migrates the database as the app does and queues one SMS through the real outbox: a committed Queued row.</summary>
    private async Task<Guid> EnqueueSmsAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SmsLimits:AllowedCountries:0"] = "DE" });
        builder.Services.AddLogging();
        builder.Services.AddDbContextFactory<LiveCallDbContext>(o => o.UseSqlite(ConnectionString));
        builder.Services.AddNotificationDelivery();
        using var host = builder.Build();
        await host.Services.MigrateDatabaseAsync();
        var result = await host.Services.GetRequiredService<NotificationOutbox>().EnqueueSmsAsync(
            new SmsRequest("+4915112345678", "Your video call is waiting", OutboxPurpose.Other, null, null), CancellationToken.None);
        Assert.NotNull(result.MessageId);
        Assert.Equal(OutboxStatus.Queued, (await MessageAsync(result.MessageId.Value)).Status);
        return result.MessageId.Value;
    }

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _dbPath, DefaultTimeout = 30, Pooling = false }.ToString();

    private async Task<OutboxMessage> MessageAsync(Guid id)
    {
        await using var db = new LiveCallDbContext(new DbContextOptionsBuilder<LiveCallDbContext>().UseSqlite(ConnectionString).Options);
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static string? ClientRef(RecordedRequest request) =>
        QueryHelpers.ParseQuery(request.BodyText).TryGetValue("client-ref", out var value) ? value.ToString() : null;

    /// <summary>Waits for <paramref name="signal"/>; fails at once (with the app's output) if the app exits, or after <see cref="Patience"/>.</summary>
    private async Task WaitForAsync(Task signal, AppProcess app, string what)
    {
        try
        {
            await Eventually.SignalAsync(signal, Patience, what, app.Exited);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: done");
        }
        catch (TimeoutException)
        {
            output.WriteLine(app.Output);
            throw;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            if (File.Exists(_dbPath + suffix)) File.Delete(_dbPath + suffix);
    }
}
