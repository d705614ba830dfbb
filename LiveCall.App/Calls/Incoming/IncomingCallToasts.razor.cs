using LiveCall.App.Localization;
using LiveCall.Core.Calls.Incoming;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveCall.App.Calls.Incoming;

public sealed partial class IncomingCallToasts : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private DateTimeOffset now;
    private bool audioUnlocked;
    /// <summary>Listening to the ring (tests wait for it before starting a call).</summary>
    private bool started;
    /// <summary>The toast stack: ringing.js follows its data-ringing (ringtone, flashing title) without a script call per ring.</summary>
    private ElementReference stack;
    /// <summary>Ticks every second while a toast is shown and sleeps without toasts; its loop runs from the first render to disposal.</summary>
    private PeriodicTimer? ticker;
    private Task? ticking;
    private IJSObjectReference? module;
    private DotNetObjectReference<IncomingCallToasts>? self;
    private CircuitCulture culture;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive) return;
        now = Time.GetUtcNow();
        culture = CircuitCulture.Capture();
        try
        {
            var user = await Current.ScopeAsync();
            await ToastList.StartAsync(user, OnCircuitAsync, ChangedAsync, CancellationToken.None);
            started = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStartFailed(Logger, e);
        }
    }

    /// <summary>Runs bus work on this circuit, in the seller's language.</summary>
    private Task OnCircuitAsync(Func<Task> work) => InvokeAsync(() =>
    {
        culture.Apply();
        return work();
    });

    private Task ChangedAsync()
    {
        now = Time.GetUtcNow();
        UpdateTicker();
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>The waiting time ticks every second while a toast is shown; the timer sleeps without toasts.</summary>
    private void UpdateTicker()
    {
        var wanted = ToastList.Toasts.Count > 0 ? Tick : Timeout.InfiniteTimeSpan;
        if (ticker is not null && ticker.Period != wanted) ticker.Period = wanted;
    }

    /// <summary>The circuit's one tick loop: started after the first render, ended and awaited by <see cref="DisposeAsync"/>.</summary>
    private async Task TickAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await InvokeAsync(OnTick);
            }
            catch (ObjectDisposedException e)
            {
                // A tick racing the circuit's end: nothing to show any more.
                LogTickAfterEnd(Logger, e);
            }
            catch (Exception e)
            {
                LogTickFailed(Logger, e);
            }
        }
    }

    private void OnTick()
    {
        culture.Apply();
        now = Time.GetUtcNow();
        ToastList.Prune(now);
        UpdateTicker();
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || !firstRender) return;
        ticker = new PeriodicTimer(Tick, Time);
        UpdateTicker();
        ticking = TickAsync(ticker);
        try
        {
            self = DotNetObjectReference.Create(this);
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/ringing.js");
            audioUnlocked = await module.InvokeAsync<bool>("init", self, stack);
            if (audioUnlocked && ToastList.Toasts.Count > 0) StateHasChanged();
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The network went during the call (a cut, or the call's timeout): the circuit stays, the toasts render all the same.
        }
        catch (JSException e)
        {
            LogScriptFailed(Logger, e);
        }
    }

    [JSInvokable]
    public Task AudioUnlocked()
    {
        return InvokeAsync(() =>
        {
            culture.Apply();
            audioUnlocked = true;
            StateHasChanged();
        });
    }

    private async Task AcceptAsync(RingToast toast)
    {
        if (await ToastList.AcceptAsync(toast.CallId, CancellationToken.None) == AcceptOutcome.Won)
            Navigation.NavigateTo($"/call/{toast.CallId}", forceLoad: true);
    }

    private Task DeclineAsync(RingToast toast) => ToastList.DeclineAsync(toast.CallId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        ToastList.Detach();
        ticker?.Dispose(); // the tick loop sees the timer end and returns
        if (ticking is not null) await ticking;
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("dispose");
                await module.DisposeAsync();
            }
            catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
            {
                // The circuit is gone (tab closed, navigation away): the page's script went with it.
            }
        }
        self?.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "The incoming-call toasts could not start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Debug, "A toast tick came after the circuit ended")]
    private static partial void LogTickAfterEnd(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "A toast tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "The ringtone script failed")]
    private static partial void LogScriptFailed(ILogger logger, Exception exception);
}
