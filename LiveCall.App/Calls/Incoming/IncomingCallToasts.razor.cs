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
    private bool? ringingShown;
    private ITimer? ticker;
    private bool ticking;
    private IJSObjectReference? module;
    private DotNetObjectReference<IncomingCallToasts>? self;
    private CircuitCulture culture;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive) return;
        now = Time.GetUtcNow();
        culture = CircuitCulture.Capture();
        ticker = Time.CreateTimer(_ => _ = OnTickAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
        UpdateTicker();
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

    /// <summary>The waiting time ticks every second while a toast is shown; no timer runs without toasts.</summary>
    private void UpdateTicker()
    {
        var wanted = ToastList.Toasts.Count > 0;
        if (ticker is null || wanted == ticking) return;
        ticking = wanted;
        ticker.Change(wanted ? Tick : Timeout.InfiniteTimeSpan, wanted ? Tick : Timeout.InfiniteTimeSpan);
    }

    private async Task OnTickAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                culture.Apply();
                now = Time.GetUtcNow();
                ToastList.Prune(now);
                UpdateTicker();
                StateHasChanged();
            });
        }
        catch (Exception e)
        {
            // A tick racing the circuit's end: nothing to show any more.
            LogTickFailed(Logger, e);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive) return;
        try
        {
            if (firstRender)
            {
                self = DotNetObjectReference.Create(this);
                module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/ringing.js");
                audioUnlocked = await module.InvokeAsync<bool>("init", self);
                if (audioUnlocked && ToastList.Toasts.Count > 0) StateHasChanged();
            }
            var ringing = ToastList.IsRinging;
            if (module is not null && ringing != ringingShown)
            {
                ringingShown = ringing;
                await module.InvokeVoidAsync("setRinging", ringing, T["Ring.Title"].Value);
            }
        }
        catch (JSDisconnectedException)
        {
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
        ticker?.Dispose();
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
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "The ringtone script failed")]
    private static partial void LogScriptFailed(ILogger logger, Exception exception);
}
