using LiveCall.Core.Calls;
using Microsoft.AspNetCore.SignalR;

namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Every 30 s: reports the seats held on this instance to the shared database and takes out participants that no
/// instance has reported for two minutes (their server went away and they did not reconnect), so calls end and
/// sellers become available again after a restart or crash.
/// </summary>
public sealed partial class SeatHeartbeat(CallRoster roster, CallService calls, IHubContext<SignalingHub, ISignalingClient> hub, TimeProvider time,
    ILogger<SeatHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken);
            try
            {
                await calls.TouchSeatsAsync(roster.SeatedParticipants(), stoppingToken);
                foreach (var (callId, participantId) in await calls.CloseAbandonedSeatsAsync(StaleAfter, stoppingToken))
                {
                    await hub.Clients.Group(SignalingHub.Group(callId)).ParticipantLeft(participantId);
                    LogAbandoned(callId, participantId);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Participant {ParticipantId} left call {CallId}: no instance holds the seat any more")]
    private partial void LogAbandoned(Guid callId, Guid participantId);

    [LoggerMessage(LogLevel.Warning, "The seat heartbeat failed")]
    private partial void LogFailed(Exception exception);
}
