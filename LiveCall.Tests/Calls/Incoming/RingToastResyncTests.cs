using LiveCall.App.Calls.Incoming;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Live;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>A circuit whose queue overflowed gets <see cref="EventsMissed"/> instead of the events, and re-reads its toasts.</summary>
public sealed class RingToastResyncTests : IAsyncLifetime
{
    private ServiceHost _host = default!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();
    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IncomingCallService Incoming => _host.Get<IncomingCallService>();

    private async Task<Guid> CallDowntownAsync(string name) =>
        (await Incoming.StartAsync("demo-motors", "downtown", name, default)).CallId!.Value;

    [Fact]
    public async Task AfterAnOverflow_TheListReReads_DroppingCallsThatStoppedRinging_AndAddingCallsThatStarted()
    {
        var seller = await _host.Data.ScopeOfAsync(TestData.Seller1);
        var downtown = await _host.Data.LocationAsync("downtown");
        await _host.Data.OpenDashboardAsync(seller);
        var cancelled = await CallDowntownAsync("Clara Kunde");
        // A list on a bus of its own, held up on its first event: it hears none of the app's own events meanwhile.
        var bus = new InProcessLiveEventBus(NullLogger<InProcessLiveEventBus>.Instance);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var list = ActivatorUtilities.CreateInstance<RingToastList>(_host.Services, bus);
        await list.StartAsync(seller, async work => { await gate.Task; await work(); }, () => { changed.TrySetResult(); return Task.CompletedTask; }, default);
        Assert.Equal(cancelled, Assert.Single(list.Toasts).CallId);

        // One event in hand and a full queue behind it: at least the last one is dropped.
        for (var i = 0; i < InProcessLiveEventBus.QueueCapacity + 2; i++)
            await bus.PublishAsync(new RingDeclined(Guid.NewGuid(), downtown.DealerId, downtown.Id, seller.UserId), default);
        await Incoming.CancelAsync(cancelled, default);
        var started = await CallDowntownAsync("Bernd Kunde");
        gate.SetResult();
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the declines change nothing; the re-read does

        var toast = Assert.Single(list.Toasts);
        Assert.Equal((started, RingToastState.Ringing), (toast.CallId, toast.State));
    }
}
