using LiveCall.Core.Data;
using LiveCall.Core.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// The end of a ring that nobody won: the customer cancelled (or left the call while it rang the others again), the ring
/// time ran out, every seller declined, or nobody was left to ring. One conditional update (WHERE State = Ringing) settles
/// it once; the toasts hear <see cref="RingEnded"/> and what is still queued for the sellers is withdrawn.
/// </summary>
public sealed partial class RingEnd(IDbContextFactory<LiveCallDbContext> dbFactory, ILiveEventBus bus, RingEscalations escalation, TimeProvider time,
    ILogger<RingEnd> logger)
{
    /// <summary>Ends the ring with <paramref name="outcome"/> (unanswered or cancelled). True when this ended it.</summary>
    public async Task<bool> EndAsync(Guid callId, CallState outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ended = await db.Calls.Where(c => c.Id == callId && c.State == CallState.Ringing)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, outcome).SetProperty(c => c.EndedUtc, now), cancellationToken) == 1;
        if (!ended) return false;
        var call = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, cancellationToken);
        await bus.PublishAsync(new RingEnded(callId, call.DealerId, call.LocationId, outcome, null, null), cancellationToken);
        await bus.PublishAsync(new CallChanged(callId, call.DealerId, call.LocationId, call.Kind, outcome), cancellationToken);
        LogRingEnded(logger, callId, outcome);
        await WithdrawEscalationsAsync(callId, cancellationToken);
        return true;
    }

    /// <summary>The ring is over (also when a seller won it): push, SMS and email still queued are withdrawn; a failing channel is logged.</summary>
    public async Task WithdrawEscalationsAsync(Guid callId, CancellationToken cancellationToken)
    {
        try
        {
            await escalation.RingEndedAsync(callId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEscalationFailed(logger, e, callId);
        }
    }

    [LoggerMessage(LogLevel.Information, "Ring of call {CallId} ended: {Outcome}")]
    private static partial void LogRingEnded(ILogger logger, Guid callId, CallState outcome);

    [LoggerMessage(LogLevel.Warning, "An escalation channel failed for call {CallId}")]
    private static partial void LogEscalationFailed(ILogger logger, Exception exception, Guid callId);
}
