using LiveCall.Core.Users;

namespace LiveCall.App.Users;

/// <summary>Keeps this instance's presence rows and its sellers' shifts fresh, clears rows of instances that went away, ends duties at closing time.</summary>
internal sealed partial class PresenceHeartbeat(PresenceService presence, SellerDuty duty, AppInstance instance, TimeProvider time, ILogger<PresenceHeartbeat> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A delay per round (not a PeriodicTimer), so a jump of the clock gives one heartbeat, not thousands.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await presence.HeartbeatAsync(instance.Id, stoppingToken);
                // The open dashboards are a sign of their sellers: their shift goes on.
                await duty.HeartbeatAsync(instance.Id, stoppingToken);
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
