using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// One circuit's incoming-call toasts. Listens to the live bus (<see cref="ILiveEventBus"/>: in-process today, a
/// Redis-backed bus later implements the same seam) for the signed-in seller only, one event after the other from its own
/// queue, and does every change on the circuit's dispatcher. Handlers never throw into the bus or the circuit: failures
/// are logged by call id only.
/// </summary>
public sealed partial class RingToastList(ILiveEventBus bus, IncomingCallService incoming, IOptions<RingToastOptions> options, TimeProvider time,
    ILogger<RingToastList> logger) : IAsyncDisposable
{
    private readonly TimeSpan _endedToastLifetime = options.Value.EndedToastLifetime;

    private static readonly Func<Func<Task>, Task> RunInline = work => work();
    private readonly List<RingToast> _toasts = [];
    private readonly HashSet<Guid> _endedWhileLoading = [];
    private int _loads;
    private TenantScope? _user;
    private IAsyncDisposable? _subscription;
    private Func<Func<Task>, Task> _dispatch = RunInline;
    private Func<Task> _changed = () => Task.CompletedTask;

    public IReadOnlyList<RingToast> Toasts => _toasts;
    public bool IsRinging => _toasts.Exists(t => t.State == RingToastState.Ringing);

    /// <summary>
    /// Starts listening for <paramref name="user"/> (once per circuit) and loads the calls ringing now (a dashboard opened
    /// mid-ring). <paramref name="dispatch"/> runs work on the circuit (ComponentBase.InvokeAsync); <paramref name="changed"/> re-renders.
    /// </summary>
    public async Task StartAsync(TenantScope user, Func<Func<Task>, Task> dispatch, Func<Task> changed, CancellationToken cancellationToken)
    {
        _dispatch = dispatch;
        _changed = changed;
        if (_user is not null) return;
        _user = user;
        // Its own rings and declines on the user's topic, the ends of rings at its location ("Answered by") on the location's.
        LiveTopic[] topics = user.LocationId is { } location ? [LiveTopic.User(user.UserId), LiveTopic.Rings(location)] : [LiveTopic.User(user.UserId)];
        _subscription = bus.Subscribe(topics, e => Concerns(e, user), OnEventAsync);
        await LoadAsync(cancellationToken);
    }

    /// <summary>The component that showed the toasts is gone; events keep the state until another one attaches.</summary>
    public void Detach()
    {
        _dispatch = RunInline;
        _changed = () => Task.CompletedTask;
    }

    /// <summary>On the publisher's call: only this seller's rings, their end, and this seller's own declines reach the queue.</summary>
    private static bool Concerns(LiveEvent e, TenantScope user) => e.DealerId == user.DealerId && e switch
    {
        RingStarted s => s.SellerIds.Contains(user.UserId),
        RingEnded => true,
        RingDeclined d => d.UserId == user.UserId,
        _ => false,
    };

    private Task OnEventAsync(LiveEvent e, CancellationToken cancellationToken) => e switch
    {
        RingStarted s => DispatchAsync(() => Task.FromResult(Show(s)), s.CallId),
        RingEnded ended => DispatchAsync(() => End(ended, _user!), ended.CallId),
        RingDeclined d => DispatchAsync(() => Remove(d.CallId), d.CallId),
        EventsMissed => DispatchAsync(() => ResyncAsync(cancellationToken), null),
        _ => Task.CompletedTask,
    };

    private async Task DispatchAsync(Func<Task<bool>> work, Guid? callId)
    {
        try
        {
            await _dispatch(async () =>
            {
                try
                {
                    if (await work()) await _changed();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogEventFailed(logger, e, callId);
                }
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The circuit may be going away while the event arrives.
            LogEventFailed(logger, e, callId);
        }
    }

    /// <summary>The calls ringing this seller now, from the database: when the list starts, and after missed events.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        _loads++;
        var added = false;
        try
        {
            var ringing = await incoming.RingingForAsync(_user!.UserId, cancellationToken);
            foreach (var call in ringing.Where(c => !_endedWhileLoading.Contains(c.CallId)))
                added |= Put(new RingToast(call.CallId, call.CustomerName, call.LocationName, call.CreatedUtc, call.NotJoinedBy));
            return added;
        }
        finally
        {
            if (--_loads == 0) _endedWhileLoading.Clear();
        }
    }

    /// <summary>A ring for this seller: the toast comes from the event alone, without reading the database.</summary>
    private bool Show(RingStarted ring) => Put(new RingToast(ring.CallId, ring.CustomerName, ring.LocationName, ring.CreatedUtc, ring.NotJoinedBy));

    /// <summary>Shows the toast unless the call rings on it already; a call that rings again (its seller did not join) takes the place of its "Answered by" toast.</summary>
    private bool Put(RingToast toast)
    {
        var shown = _toasts.FindIndex(t => t.CallId == toast.CallId);
        if (shown >= 0 && _toasts[shown].State == RingToastState.Ringing) return false;
        if (shown >= 0) _toasts[shown] = toast;
        else _toasts.Add(toast);
        return true;
    }

    /// <summary>Some events never reached this list (<see cref="EventsMissed"/>): toasts of calls that stopped ringing go, calls that started ringing come.</summary>
    private async Task<bool> ResyncAsync(CancellationToken cancellationToken)
    {
        var ringing = await incoming.RingingForAsync(_user!.UserId, cancellationToken);
        var stale = _toasts.RemoveAll(t => t is { State: RingToastState.Ringing, Busy: false } && !ringing.Any(c => c.CallId == t.CallId)) > 0;
        return await LoadAsync(cancellationToken) || stale;
    }

    private Task<bool> End(RingEnded ended, TenantScope user)
    {
        var toast = _toasts.Find(t => t.CallId == ended.CallId);
        if (toast is null)
        {
            if (_loads > 0) _endedWhileLoading.Add(ended.CallId);
            return Task.FromResult(false);
        }
        if (ended.AnsweredByUserId == user.UserId) _toasts.Remove(toast); // the winner is on the way to the call
        else if (ended.Outcome == CallState.Waiting) toast.Answered(ended.AnsweredByName, time.GetUtcNow());
        else toast.Missed(time.GetUtcNow());
        return Task.FromResult(true);
    }

    private Task<bool> Remove(Guid callId) => Task.FromResult(_toasts.RemoveAll(t => t.CallId == callId) > 0);

    /// <summary>Removes answered and missed toasts that have been shown long enough. True when something went away.</summary>
    public bool Prune(DateTimeOffset now) => _toasts.RemoveAll(t => t.EndedAt is { } ended && now - ended >= _endedToastLifetime) > 0;

    /// <summary>"Accept" (call on the circuit): one request however often it is pressed; the winner gets <see cref="AcceptOutcome.Won"/>.</summary>
    public async Task<AcceptOutcome?> AcceptAsync(Guid callId, CancellationToken cancellationToken)
    {
        if (_user is not { } user || _toasts.Find(t => t.CallId == callId) is not { State: RingToastState.Ringing, Busy: false } toast) return null;
        toast.Busy = true;
        try
        {
            var result = await incoming.AcceptAsync(callId, user, cancellationToken);
            switch (result.Outcome)
            {
                case AcceptOutcome.AlreadyTaken: toast.Answered(result.AnsweredBy, time.GetUtcNow()); break;
                case AcceptOutcome.NotRinging or AcceptOutcome.NotAllowed: _toasts.Remove(toast); break;
            }
            LogAccept(logger, callId, result.Outcome);
            return result.Outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogActionFailed(logger, e, callId);
            toast.Busy = false;
            return null;
        }
    }

    /// <summary>"Decline": this seller stops ringing for the call, in every tab (the bus tells the others).</summary>
    public async Task DeclineAsync(Guid callId, CancellationToken cancellationToken)
    {
        if (_user is not { } user || _toasts.Find(t => t.CallId == callId) is not { Busy: false } toast) return;
        toast.Busy = true;
        try
        {
            await incoming.DeclineAsync(callId, user.UserId, cancellationToken);
            _toasts.Remove(toast);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogActionFailed(logger, e, callId);
            toast.Busy = false;
        }
    }

    public ValueTask DisposeAsync() => _subscription?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "The ring toast could not follow an event of call {CallId}")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, Guid? callId);

    [LoggerMessage(LogLevel.Warning, "Accept or decline of call {CallId} failed")]
    private static partial void LogActionFailed(ILogger logger, Exception exception, Guid callId);

    [LoggerMessage(LogLevel.Information, "Accept of call {CallId} from a toast: {Outcome}")]
    private static partial void LogAccept(ILogger logger, Guid callId, AcceptOutcome outcome);
}
