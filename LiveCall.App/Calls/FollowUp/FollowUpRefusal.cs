using LiveCall.Core.Calls.FollowUp;
using LiveCall.Core.Notifications;

namespace LiveCall.App.Calls.FollowUp;

/// <summary>The text key for an invitation that a limit refused: SMS texts offer email instead; email texts say when to try again.</summary>
public static class FollowUpRefusal
{
    public static string Key(SendRefusal refusal, InvitationChannel via) =>
        (via == InvitationChannel.Email ? "FollowUp.RefusedEmail." : "FollowUp.Refused.") + refusal;
}
