using LiveCall.Core.Calls;
using Microsoft.AspNetCore.SignalR;

namespace LiveCall.App.Calls.Signaling;

/// <summary>Every second: participants whose connection dropped and did not come back within the grace time leave their call.</summary>
public sealed partial class CallDepartures(CallRoster roster, CallService calls, IHubContext<SignalingHub, ISignalingClient> hub, TimeProvider time, ILogger<CallDepartures> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var seat in roster.TakeExpired())
            {
                try
                {
                    await calls.LeaveAsync(seat.CallId, seat.ParticipantId, stoppingToken);
                    await hub.Clients.Group(SignalingHub.Group(seat.CallId)).ParticipantLeft(seat.ParticipantId);
                    LogTimedOut(seat.CallId, seat.ParticipantId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex, seat.CallId, seat.ParticipantId);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Participant {ParticipantId} left call {CallId}: no reconnect in time")]
    private partial void LogTimedOut(Guid callId, Guid participantId);

    [LoggerMessage(LogLevel.Error, "Could not record that participant {ParticipantId} left call {CallId}")]
    private partial void LogFailed(Exception exception, Guid callId, Guid participantId);
}
