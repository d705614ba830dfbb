namespace LiveCall.Core.Calls.FollowUp;

/// <summary>"Invitation via" of a FollowUp participant row.</summary>
public enum InvitationChannel { Sms = 0, Email = 1 }

/// <summary>One participant row of the FollowUp form, as typed.</summary>
public sealed record GuestInvitationInput(InvitationChannel Channel, string? Name, string? Contact);

/// <summary>A row after checking: the display name and the contact normalised (E.164 or a trimmed address).</summary>
public sealed record GuestInvitation(InvitationChannel Channel, string Name, string Contact);
