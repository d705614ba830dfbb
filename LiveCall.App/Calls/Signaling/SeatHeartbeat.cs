using LiveCall.Core.Calls;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Every <see cref="SignalingOptions.SeatHeartbeatInterval"/> (30 s): reports the seats held on this instance to the shared
/// database and takes out participants that no instance has reported for <see cref="SignalingOptions.SeatStaleAfter"/>
/// (their server went away and they did not reconnect), so calls end and sellers become available again after a restart
/// or crash. A participant counts as seen from the moment of joining.
/// </summary>
public sealed partial class SeatHeartbeat(CallRoster roster, CallService calls, IHubContext<SignalingHub, ISignalingClient> hub, IOptions<SignalingOptions> options,
    TimeProvider time, ILogger<SeatHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(o.SeatHeartbeatInterval, time, stoppingToken);
            try
            {
                await calls.TouchSeatsAsync(roster.SeatedParticipants(), stoppingToken);
                foreach (var (callId, participantId) in await calls.CloseAbandonedSeatsAsync(o.SeatStaleAfter, stoppingToken))
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
