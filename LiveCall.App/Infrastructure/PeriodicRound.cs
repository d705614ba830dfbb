namespace LiveCall.App.Infrastructure;

/// <summary>
/// A background service that runs one round every <see cref="Interval"/> on the app's clock; a failing round is reported
/// through <see cref="RoundFailed"/> and the next one runs as planned.
/// </summary>
public abstract class PeriodicRound(TimeProvider time) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round (also called directly by tests).</summary>
    public abstract Task CheckAsync(CancellationToken cancellationToken);

    protected abstract void RoundFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RoundFailed(e);
            }
        }
    }
}
