namespace LiveCall.Core.Calls;

/// <summary>A guest's or customer's place in a call and the secret that opens it. Send the token; never log it.</summary>
public sealed record CallInvitation(Guid CallId, Guid ParticipantId, string Token, DateTime ExpiresUtc);
