using System.Collections.Immutable;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Statistics;

/// <summary>What a dashboard shows of one scope: the figures, the zone to show times in, the 48-hour chart (admins), the latest calls, the open missed calls.</summary>
public sealed record DashboardSnapshot(DashboardFigures Figures, TimeZoneInfo Zone, IReadOnlyList<HourlyCalls>? Hourly, IReadOnlyList<CallRow> Recent,
    IReadOnlyList<MissedItem> Missed, DateTimeOffset ComputedAt);

/// <summary>
/// The dashboards' figures, computed once per scope and change and handed to every dashboard of that scope, so a ring
/// costs the same handful of queries for 2 sellers watching or 2,000. Every scope that someone watches has one view: one
/// bus subscription on the scope's topic, one latest snapshot. A change marks it stale and starts one computation; what
/// changes while that runs is coalesced into one more, however many events came. A dashboard that opens gets the latest
/// snapshot when it is fresh (<see cref="FreshFor"/>) and triggers a computation otherwise.
/// </summary>
public sealed partial class DashboardFeed(StatisticsService statistics, CallbackService callbacks, ILiveEventBus bus, TimeProvider time,
    ILogger<DashboardFeed> logger)
{
    public const int RecentCalls = 8;
    public const int MissedItems = 10;
    /// <summary>How old a snapshot may be for a dashboard that opens without any change since (the day's figures age).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    /// <summary>
    /// How long a change waits before the figures are computed, on the wall clock: a ring's toasts reach every rung seller's
    /// circuit first, without the scope's dashboards re-rendering beside them on the same cores, and the burst of changes a
    /// ring makes (start, reached, accept) costs one computation. Half a second late figures go unnoticed; a late toast does not.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    private readonly ILiveEventBus _bus = bus;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<DashboardKey, ScopeView> _views = [];

    /// <summary>How many computations ran, over all scopes (a test's and the bench's measure of coalescing).</summary>
    public long Computations => Interlocked.Read(ref _computations);
    private long _computations;

    /// <summary>
    /// Follows the dashboard of <paramref name="viewer"/> with <paramref name="filter"/>: <paramref name="changed"/> gets every
    /// new snapshot (on the feed's flow: a component hands it to its circuit). Dispose the watch when the dashboard goes.
    /// </summary>
    public DashboardWatch Watch(TenantScope viewer, StatisticsFilter filter, Func<DashboardSnapshot, Task> changed)
    {
        var key = DashboardKey.Of(viewer, filter);
        var watcher = new DashboardWatch(this, changed);
        lock (_gate)
        {
            if (!_views.TryGetValue(key, out var view)) _views[key] = view = new ScopeView(this, key);
            view.Add(watcher);
            watcher.View = view;
        }
        return watcher;
    }

    /// <summary>One snapshot without following (a pre-rendered page): the watched scope's when it is fresh, else computed for this call.</summary>
    public async Task<DashboardSnapshot> GetAsync(TenantScope viewer, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var key = DashboardKey.Of(viewer, filter);
        ScopeView? view;
        lock (_gate) _views.TryGetValue(key, out view);
        if (view?.Fresh is { } fresh) return fresh;
        return await ComputeAsync(key, cancellationToken);
    }

    private void Remove(DashboardWatch watcher)
    {
        ScopeView? gone = null;
        lock (_gate)
        {
            if (watcher.View is not { } view) return;
            watcher.View = null;
            if (view.Remove(watcher) == 0)
            {
                _views.Remove(view.Key);
                gone = view;
            }
        }
        gone?.Stop();
    }

    private async Task<DashboardSnapshot> ComputeAsync(DashboardKey key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _computations);
        var scope = key.Scope;
        var filter = key.Filter;
        var (figures, zone) = await statistics.GetFiguresAndZoneAsync(scope, filter, cancellationToken);
        var hourly = key.WithHourly ? await statistics.GetHourlyAsync(scope, filter, cancellationToken) : null;
        var recent = await statistics.ListRecentAsync(scope, new CallQuery(DealerId: filter.DealerId, LocationId: filter.LocationId), RecentCalls, cancellationToken);
        var missed = await callbacks.ListOpenAsync(scope, filter.DealerId, filter.LocationId, MissedItems, cancellationToken);
        return new DashboardSnapshot(figures, zone, hourly, recent, missed, _time.GetUtcNow());
    }

    /// <summary>
    /// What a dashboard's figures depend on: what the viewer sees (all, a dealer, a location: a seller and a location
    /// admin see the same), the filter, and whether it shows the chart (admins). The user is not part of it.
    /// </summary>
    internal readonly record struct DashboardKey(StaffRole Sees, Guid? DealerId, Guid? LocationId, StatisticsFilter Filter, bool WithHourly)
    {
        public static DashboardKey Of(TenantScope viewer, StatisticsFilter filter) => viewer.Role switch
        {
            StaffRole.PlatformAdmin => new(StaffRole.PlatformAdmin, null, null, filter, true),
            StaffRole.DealerAdmin => new(StaffRole.DealerAdmin, viewer.DealerId, null, filter, true),
            _ => new(StaffRole.LocationAdmin, viewer.DealerId, viewer.LocationId, filter, viewer.IsAdmin),
        };

        /// <summary>The queries' scope: the visibility of the viewer's role, no user (the dashboard reads nothing of the user's own).</summary>
        public TenantScope Scope => new("", Sees, DealerId, LocationId);

        /// <summary>The narrowest topic that holds every change this dashboard shows.</summary>
        public LiveTopic Topic => Filter.LocationId is { } l ? LiveTopic.Location(l)
            : Sees == StaffRole.LocationAdmin && LocationId is { } own ? LiveTopic.Location(own)
            : Filter.DealerId is { } d ? LiveTopic.Dealer(d)
            : Sees == StaffRole.DealerAdmin && DealerId is { } dealer ? LiveTopic.Dealer(dealer)
            : LiveTopic.All;

        public bool Concerns(LiveEvent e)
        {
            if (e is EventsMissed) return true;
            if (e is not (CallChanged or PresenceChanged or CallbacksChanged)) return false;
            if (e.IsForEveryone) return true;
            if (Filter.DealerId is { } d && e.DealerId != d) return false;
            if (Filter.LocationId is { } l && e.LocationId != l) return false;
            return e.IsWithin(Scope);
        }
    }

    /// <summary>One watched scope: its subscribers, its latest snapshot, and the one computation that runs for it at a time.</summary>
    internal sealed class ScopeView
    {
        private readonly DashboardFeed _feed;
        private readonly IAsyncDisposable _subscription;
        private readonly CancellationTokenSource _stop = new();
        private ImmutableArray<DashboardWatch> _watchers = [];
        private DashboardSnapshot? _latest;
        private TaskCompletionSource<DashboardSnapshot> _next = NewNext();
        /// <summary>What the computation in hand completes.</summary>
        private TaskCompletionSource<DashboardSnapshot>? _inFlight;
        private int _stale = 1;
        private int _running;

        public ScopeView(DashboardFeed feed, DashboardKey key)
        {
            _feed = feed;
            Key = key;
            // Subscribed before the first computation: a change while it runs makes another one instead of being missed.
            _subscription = feed._bus.Subscribe([key.Topic], key.Concerns, (_, _) =>
            {
                Invalidate();
                return Task.CompletedTask;
            });
        }

        public DashboardKey Key { get; }

        /// <summary>The latest snapshot if it is young enough, nothing changed since and no new one is on its way.</summary>
        public DashboardSnapshot? Fresh => Volatile.Read(ref _stale) == 0 && Volatile.Read(ref _inFlight) is null or { Task.IsCompleted: true }
            && Volatile.Read(ref _latest) is { } s && _feed._time.GetUtcNow() - s.ComputedAt < FreshFor ? s : null;

        public void Add(DashboardWatch watcher) => _watchers = _watchers.Add(watcher);

        /// <summary>Under the feed's lock. Returns how many watchers remain.</summary>
        public int Remove(DashboardWatch watcher)
        {
            _watchers = _watchers.Remove(watcher);
            return _watchers.Length;
        }

        /// <summary>The latest snapshot when fresh, the one being computed when nothing changed since it started, else the next one.</summary>
        public Task<DashboardSnapshot> CurrentAsync()
        {
            if (Fresh is { } fresh) return Task.FromResult(fresh);
            if (Volatile.Read(ref _running) == 1 && Volatile.Read(ref _stale) == 0 && Volatile.Read(ref _inFlight) is { Task.IsCompleted: false } inFlight)
                return inFlight.Task;
            var next = Volatile.Read(ref _next).Task;
            Invalidate();
            return next;
        }

        /// <summary>Something changed: one computation follows, however many calls come before it starts.</summary>
        public void Invalidate()
        {
            Volatile.Write(ref _stale, 1);
            // On the pool, never inline: SQLite's "async" queries run synchronously, so an inline run would compute on the
            // bus's loop once per event instead of once per burst.
            if (Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunAsync);
        }

        private async Task RunAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    // The first figures of a scope (a dashboard opening) come at once; a change's after the settle.
                    if (Volatile.Read(ref _latest) is not null) await Task.Delay(Settle, _stop.Token).ConfigureAwait(false);
                    if (Interlocked.Exchange(ref _stale, 0) == 0) break;
                    var next = Interlocked.Exchange(ref _next, NewNext());
                    Volatile.Write(ref _inFlight, next);
                    DashboardSnapshot snapshot;
                    try
                    {
                        snapshot = await _feed.ComputeAsync(Key, _stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        if (!_stop.IsCancellationRequested) LogComputeFailed(_feed._logger, e, Key.Sees, Key.DealerId, Key.LocationId);
                        next.TrySetException(e);
                        continue;
                    }
                    Volatile.Write(ref _latest, snapshot);
                    next.TrySetResult(snapshot);
                    await Task.WhenAll(_watchers.Select(w => w.HandAsync(snapshot))).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The scope's last dashboard went during the settle.
            }
            finally
            {
                Volatile.Write(ref _running, 0);
                // A change that came between the last check and the reset above starts its own run.
                if (Volatile.Read(ref _stale) == 1 && !_stop.IsCancellationRequested && Interlocked.CompareExchange(ref _running, 1, 0) == 0) _ = Task.Run(RunAsync);
            }
        }

        /// <summary>The last dashboard of the scope went: no more computations for it.</summary>
        public void Stop()
        {
            _stop.Cancel();
            _ = _subscription.DisposeAsync().AsTask();
            Volatile.Read(ref _next).TrySetCanceled();
        }

        private static TaskCompletionSource<DashboardSnapshot> NewNext() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One dashboard following its scope.</summary>
    public sealed class DashboardWatch : IDisposable
    {
        private readonly DashboardFeed _feed;
        private readonly Func<DashboardSnapshot, Task> _changed;

        internal DashboardWatch(DashboardFeed feed, Func<DashboardSnapshot, Task> changed)
        {
            _feed = feed;
            _changed = changed;
        }

        /// <summary>The scope it follows; set and cleared under the feed's lock.</summary>
        internal ScopeView? View { get; set; }

        /// <summary>The scope's snapshot now: the latest when fresh, else the next computed.</summary>
        public Task<DashboardSnapshot> CurrentAsync() => View?.CurrentAsync() ?? Task.FromCanceled<DashboardSnapshot>(new CancellationToken(true));

        /// <summary>Asks for a new snapshot now (the dashboard changed something itself) and returns it.</summary>
        public Task<DashboardSnapshot> RefreshAsync()
        {
            if (View is not { } view) return Task.FromCanceled<DashboardSnapshot>(new CancellationToken(true));
            view.Invalidate();
            return view.CurrentAsync();
        }

        internal async Task HandAsync(DashboardSnapshot snapshot)
        {
            try
            {
                await _changed(snapshot).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogHandFailed(_feed._logger, e); // a circuit going away while the figures arrive
            }
        }

        public void Dispose() => _feed.Remove(this);
    }

    [LoggerMessage(LogLevel.Warning, "Dashboard figures for {Sees} {DealerId}/{LocationId} could not be computed")]
    private static partial void LogComputeFailed(ILogger logger, Exception exception, StaffRole sees, Guid? dealerId, Guid? locationId);

    [LoggerMessage(LogLevel.Debug, "A dashboard could not take new figures")]
    private static partial void LogHandFailed(ILogger logger, Exception exception);
}
