using LiveCall.Core.Users;

namespace LiveCall.App.Users;

/// <summary>Keeps this instance's presence rows fresh and clears those of instances that went away.</summary>
internal sealed partial class PresenceHeartbeat(PresenceService presence, AppInstance instance, TimeProvider time, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A delay per round (not a PeriodicTimer), so a jump of the clock gives one heartbeat, not thousands.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await presence.HeartbeatAsync(instance.Id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHeartbeatFailed(logger, e);
            }
            await Task.Delay(PresenceService.HeartbeatInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Presence heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
