using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.Extensions.Options;

namespace LiveCall.Tests.Notifications;

public sealed class OutboxWorkerTests
{
    [Fact]
    public async Task Worker_WhenMessageIsEnqueued_SendsItWithoutWaitingForThePoll()
    {
        var received = new TaskCompletionSource();
        await using var vonage = await StandInServer.StartAsync((_, _, r) => { received.TrySetResult(); return VonageStandIn.Status(r, "0"); });
        await using var h = NotificationHarness.Create(new Dictionary<string, string?>(VonageStandIn.Settings(vonage.BaseUri))
        {
            ["Outbox:PollInterval"] = "01:00:00",
        });
        await h.Host.StartAsync();
        var dealer = await h.SeedDealerAsync();

        var result = await h.Outbox.EnqueueSmsAsync(new SmsRequest("+4915112345678", "Hello", OutboxPurpose.Other, dealer, null), CancellationToken.None);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var status = await WaitForStatusAsync(h, result.MessageId!.Value, OutboxStatus.Sent);
        await h.Host.StopAsync();

        Assert.Equal(OutboxStatus.Sent, status);
        Assert.Single(vonage.Requests);
    }

    /// <summary>Waits (real time, bounded) for the worker to record the outcome after the provider answered.</summary>
    private static async Task<OutboxStatus> WaitForStatusAsync(NotificationHarness h, Guid id, OutboxStatus wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        OutboxStatus status;
        while ((status = (await h.MessageAsync(id)).Status) != wanted && DateTime.UtcNow < deadline) await Task.Delay(20);
        return status;
    }

    [Fact]
    public async Task Start_WithVonageKeyButNoSender_FailsValidation()
    {
        await using var h = NotificationHarness.Create(new() { ["Vonage:ApiKey"] = "key-only" });

        await Assert.ThrowsAsync<OptionsValidationException>(() => h.Host.StartAsync());
    }

    [Fact]
    public async Task Start_WithVapidLifetimeOver24Hours_FailsValidation()
    {
        await using var h = NotificationHarness.Create(new() { ["WebPush:TokenLifetime"] = "1.00:00:01" });

        await Assert.ThrowsAsync<OptionsValidationException>(() => h.Host.StartAsync());
    }

    [Fact]
    public async Task Start_WithZeroConfiguration_Succeeds()
    {
        await using var h = NotificationHarness.Create();

        await h.Host.StartAsync();
        await h.Host.StopAsync();
    }
}
