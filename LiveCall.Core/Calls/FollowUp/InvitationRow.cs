using LiveCall.Core.Notifications.Outbox;

namespace LiveCall.Core.Calls.FollowUp;

/// <summary>Where an invitation stands, as the seller sees it in the call.</summary>
public enum InvitationState { Queued, Sent, Delivered, NotSent, Failed, Joined, Revoked }

/// <summary>One invited guest of a FollowUp call with the state of their invitation.</summary>
public sealed record InvitationRow(Guid ParticipantId, string Name, InvitationChannel Channel, string Contact, InvitationState State, string? Reason)
{
    public static InvitationState From(OutboxStatus? status) => status switch
    {
        OutboxStatus.Sent => InvitationState.Sent,
        OutboxStatus.Delivered => InvitationState.Delivered,
        OutboxStatus.NotSent => InvitationState.NotSent,
        OutboxStatus.Failed or OutboxStatus.Dead or OutboxStatus.Cancelled => InvitationState.Failed,
        _ => InvitationState.Queued,
    };
}
