using System.Collections.Concurrent;
using LiveCall.App.Infrastructure;
using LiveCall.Core.Users;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Account;

/// <summary>
/// Every <see cref="ConnectionOptions.SessionRecheckInterval"/>, one query for the staff sessions of every open circuit of
/// this server (<see cref="StaffSessions.EndedAsync"/>): a circuit whose user was deactivated, or whose security stamp
/// changed (role, location, dealer, email, password), is signed out at once; the others cost nothing. It replaces the
/// framework's revalidation loop, which asks the database once per circuit and interval: 500 queries a second for
/// 15,000 open dashboards at 30 s.
/// </summary>
public sealed partial class CircuitSessionCheck(StaffSessions sessions, IOptions<ConnectionOptions> options, TimeProvider time, ILogger<CircuitSessionCheck> logger)
    : PeriodicRound(time)
{
    private readonly ConcurrentDictionary<Watch, byte> _open = new();

    public int Open => _open.Count;

    /// <summary>
    /// Follows one circuit's session until the returned watch is disposed: <paramref name="ended"/> runs once, from the
    /// check's round, when it has ended. A null session (signed in without one) ends at the next round.
    /// </summary>
    public IDisposable Follow(StaffSession? session, Action ended)
    {
        var watch = new Watch(this, session, ended);
        _open.TryAdd(watch, 0);
        return watch;
    }

    protected override TimeSpan Interval => options.Value.SessionRecheckInterval;

    protected override void RoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>One round: one query for every followed session; the circuits of those that ended are signed out.</summary>
    public override async Task CheckAsync(CancellationToken cancellationToken)
    {
        var open = _open.Keys.ToList();
        if (open.Count == 0) return;
        var ended = (await sessions.EndedAsync(open.Where(w => w.Session is not null).Select(w => w.Session!).Distinct().ToList(), cancellationToken)).ToHashSet();
        foreach (var watch in open.Where(w => w.Session is null || ended.Contains(w.Session)))
        {
            if (!_open.TryRemove(watch, out _)) continue;
            try
            {
                watch.Ended();
            }
            catch (Exception e)
            {
                LogSignOutFailed(e); // one circuit's failure must not keep the others signed in
            }
        }
    }

    private sealed class Watch(CircuitSessionCheck check, StaffSession? session, Action ended) : IDisposable
    {
        public StaffSession? Session { get; } = session;
        public void Ended() => ended();
        public void Dispose() => check._open.TryRemove(this, out _);
    }

    [LoggerMessage(LogLevel.Warning, "The circuits' session check failed")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Signing a circuit out after its session ended failed")]
    private partial void LogSignOutFailed(Exception exception);
}
