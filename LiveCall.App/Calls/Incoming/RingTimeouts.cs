using LiveCall.Core.Calls.Incoming;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// Once a second: ends rings whose location's ring time is over and rings the others again for accepted calls whose seller
/// did not join in time (settled in the database, safe with several instances).
/// </summary>
internal sealed partial class RingTimeouts(IncomingCallService incoming, TimeProvider time, ILogger<RingTimeouts> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A delay per round (not a PeriodicTimer): when the clock jumps (a test's fake clock, a suspended VM),
        // the sweep runs once for the jump instead of once for every second in between.
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            try
            {
                await incoming.ExpireDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Ending timed-out rings failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
