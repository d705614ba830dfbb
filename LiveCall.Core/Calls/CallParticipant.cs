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
    /// <summary>Last time an instance reported this participant's signaling seat as held (see SeatHeartbeat); null before the first report.</summary>
    public DateTime? SeatSeenUtc { get; set; }
    /// <summary>SHA-256 (hex) of the guest's or customer's access token; the token itself is never stored.</summary>
    public string? AccessTokenHash { get; private set; }
    public DateTime? AccessTokenExpiresUtc { get; private set; }

    /// <summary>In the call now: joined and not left since.</summary>
    public bool IsPresent => JoinedUtc is not null && LeftUtc is null;

    /// <summary>Joins, or rejoins after leaving; the first join time is kept.</summary>
    public void Join(DateTime nowUtc)
    {
        JoinedUtc ??= nowUtc;
        LeftUtc = null;
    }

    public void Leave(DateTime nowUtc) => LeftUtc ??= nowUtc;

    /// <summary>How a guest was invited (FollowUp): the channel and the normalised address or number.</summary>
    public FollowUp.InvitationChannel? InvitedVia { get; private set; }
    public string? InvitedContact { get; private set; }

    public void RecordInvitation(FollowUp.InvitationChannel channel, string contact)
    {
        InvitedVia = channel;
        InvitedContact = contact;
    }

    /// <summary>The customer's callback contact given at "Start video call" (both optional).</summary>
    public string? CustomerPhone { get; set; }
    public string? CustomerEmail { get; set; }

    public bool IsRevoked => AccessTokenExpiresUtc == DateTime.UnixEpoch;

    /// <summary>The personal link stops working at once (the seller withdrew the invitation).</summary>
    public void RevokeAccess() => AccessTokenExpiresUtc = DateTime.UnixEpoch;

    public void GrantAccess(string tokenHash, DateTime expiresUtc)
    {
        AccessTokenHash = tokenHash;
        AccessTokenExpiresUtc = expiresUtc;
    }
}
