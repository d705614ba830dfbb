using LiveCall.App.Infrastructure;
using LiveCall.Core.Calls;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Every <see cref="SignalingOptions.StaffRecheckInterval"/>: staff whose session ended since they joined (deactivated, moved
/// to another location or dealer, role or email changed, password reset) leave the calls they sit in, and their signaling
/// connection is closed. The others in the call are told at once; the closed client's rejoin is refused.
/// </summary>
public sealed partial class StaffSeatCheck(CallRoster roster, StaffSessions sessions, CallService calls, IHubContext<SignalingHub, ISignalingClient> hub,
    IOptions<SignalingOptions> options, TimeProvider time, ILogger<StaffSeatCheck> logger) : PeriodicRound(time)
{
    protected override TimeSpan Interval => options.Value.StaffRecheckInterval;

    protected override void RoundFailed(Exception exception) => LogFailed(exception);

    /// <summary>One round: takes out every seat whose staff session has ended.</summary>
    public override async Task CheckAsync(CancellationToken cancellationToken)
    {
        var seats = roster.StaffSeats();
        var ended = (await sessions.EndedAsync(seats.Select(s => s.Session!).ToList(), cancellationToken)).ToHashSet();
        foreach (var seat in seats.Where(s => ended.Contains(s.Session!)))
        {
            if (roster.Release(seat.ConnectionId) is null) continue;
            await hub.Clients.Client(seat.ConnectionId).Error("signed-out");
            await hub.Groups.RemoveFromGroupAsync(seat.ConnectionId, SignalingHub.Group(seat.CallId), cancellationToken);
            await calls.LeaveAsync(seat.CallId, seat.ParticipantId, cancellationToken);
            await hub.Clients.Group(SignalingHub.Group(seat.CallId)).ParticipantLeft(seat.ParticipantId);
            seat.Connection.Abort();
            LogTakenOut(seat.CallId, seat.ParticipantId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Participant {ParticipantId} was taken out of call {CallId}: their staff session ended")]
    private partial void LogTakenOut(Guid callId, Guid participantId);

    [LoggerMessage(LogLevel.Warning, "The staff seat check failed")]
    private partial void LogFailed(Exception exception);
}
