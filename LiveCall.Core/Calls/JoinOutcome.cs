namespace LiveCall.Core.Calls;

public enum JoinStatus
{
    Joined, NotFound, NotAllowed, Ended, Full,
    /// <summary>The seller accepted this incoming call and did not join in time: it went to the others.</summary>
    HandedOver,
}

/// <summary>The result of <see cref="CallService.JoinAsync"/>; <see cref="Participant"/> is set when joined.</summary>
public sealed record JoinOutcome(JoinStatus Status, CallParticipant? Participant = null, IReadOnlyList<CallParticipant>? Present = null);
