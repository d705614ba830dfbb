using LiveCall.Core.Users;

namespace LiveCall.App.Dashboard;

/// <summary>Keeps this instance's presence rows fresh and clears those of instances that went away.</summary>
internal sealed partial class PresenceHeartbeat(PresenceService presence, AppInstance instance, TimeProvider time, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PresenceService.HeartbeatInterval, time);
        do
        {
            try
            {
                await presence.HeartbeatAsync(instance.Id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHeartbeatFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Presence heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
