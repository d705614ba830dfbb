using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveCall.Tests.Notifications;

public sealed class OutboxWorkerTests
{
    [Fact]
    public async Task Worker_WhenMessageIsEnqueued_SendsItWithoutWaitingForThePoll()
    {
        var received = new TaskCompletionSource();
        await using var vonage = await StandInServer.StartAsync((_, _, r) => { received.TrySetResult(); return VonageStandIn.Status(r, "0"); });
        await using var h = await ServiceHost.StartAsync(o =>
        {
            o.AddSettings(VonageStandIn.Settings(vonage.BaseUri));
            o.Settings["Outbox:PollInterval"] = "01:00:00";
        });
        // The background service under test, on its own thread as in the app (the host runs none by itself).
        using var worker = ActivatorUtilities.CreateInstance<OutboxWorker>(h.Services);
        await worker.StartAsync(CancellationToken.None);
        var dealer = (await h.Data.AddDealerAsync()).Id;

        var result = await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest("+4915112345678", "Hello", OutboxPurpose.Other, dealer, null), CancellationToken.None);
        await Eventually.SignalAsync(received.Task, TimeSpan.FromSeconds(10), "the worker's request to the SMS stand-in");
        // The worker records the outcome after the answer: nothing signals that, so the row is polled (bounded).
        var status = (await Eventually.PollAsync(() => h.Data.MessageAsync(result.MessageId!.Value), m => m.Status == OutboxStatus.Sent, TimeSpan.FromSeconds(10))).Status;
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(OutboxStatus.Sent, status);
        Assert.Single(vonage.Requests);
    }

    [Fact]
    public async Task Shutdown_DuringASend_LeavesTheMessageDueAgainAtOnce_NotHeldForItsLease()
    {
        using var hanging = new HangingProvider();
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(new Uri($"http://127.0.0.1:{hanging.Port}/"))));
        var dealer = (await h.Data.AddDealerAsync()).Id;
        var queued = await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest("+4915112345678", "Hello", OutboxPurpose.Other, dealer, null), CancellationToken.None);
        using var stopping = new CancellationTokenSource();

        var dispatch = h.Get<OutboxDispatcher>().DispatchDueAsync(stopping.Token);
        await Eventually.SignalAsync(hanging.Connected, TimeSpan.FromSeconds(10), "the send to reach the provider");
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch);

        var message = await h.Data.MessageAsync(queued.MessageId!.Value);
        Assert.Equal(OutboxStatus.Queued, message.Status);
        Assert.Null(message.LeaseOwner);
        Assert.True(message.NextAttemptUtc <= h.Time.GetUtcNow().UtcDateTime);
        Assert.Contains("Interrupted", message.LastError);
    }

    [Fact]
    public async Task Start_WithVonageKeyButNoSender_FailsValidation() =>
        await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(o => o.Settings["Vonage:ApiKey"] = "key-only"));

    [Fact]
    public async Task Start_WithVapidLifetimeOver24Hours_FailsValidation() =>
        await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(o => o.Settings["WebPush:TokenLifetime"] = "1.00:00:01"));

    [Fact]
    public async Task Start_WithZeroConfiguration_Succeeds()
    {
        await using var h = await ServiceHost.StartAsync();
    }
}
