namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// A seller's accept link for one ringing call (sent by push, SMS and email). Only the SHA-256 of the token is
/// stored; it accepts until the ring ends (<see cref="ExpiresUtc"/>) and once (<see cref="UsedUtc"/> is set by a
/// conditional update); unused, it serves the seller's duty for <see cref="RingAcceptLinks.DutyWindow"/> after
/// <see cref="CreatedUtc"/>.
/// </summary>
public sealed class RingAcceptLink
{
    private RingAcceptLink() { }

    public RingAcceptLink(string tokenHash, Guid callId, string userId, DateTime createdUtc, DateTime expiresUtc)
    {
        Id = Guid.NewGuid();
        TokenHash = tokenHash;
        CallId = callId;
        UserId = userId;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
    }

    public Guid Id { get; private set; }
    public string TokenHash { get; private set; } = "";
    public Guid CallId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? UsedUtc { get; private set; }
}
