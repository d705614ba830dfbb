namespace LiveCall.Core.Calls;

public enum ParticipantKind { Staff = 0, Guest = 1, Customer = 2 }

/// <summary>A party of a call: a staff user, an invited guest or the customer who called.</summary>
public sealed class CallParticipant
{
    private CallParticipant() { }

    public CallParticipant(Guid callId, ParticipantKind kind, string displayName, string? userId)
    {
        Id = Guid.NewGuid();
        CallId = callId;
        Kind = kind;
        DisplayName = displayName.Trim();
        UserId = userId;
    }

    public Guid Id { get; private set; }
    public Guid CallId { get; private set; }
    public ParticipantKind Kind { get; private set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The staff user, for staff participants.</summary>
    public string? UserId { get; private set; }
    public DateTime? JoinedUtc { get; set; }
    public DateTime? LeftUtc { get; set; }
}
