namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// A seller an incoming call rang. Written at ring start, so later steps (the toast after a reload, the accept
/// links, escalations, "Decline") know exactly who was alerted; a seller who declines stops ringing.
/// </summary>
public sealed class RingTarget
{
    private RingTarget() { }

    public RingTarget(Guid callId, string userId)
    {
        CallId = callId;
        UserId = userId;
    }

    public Guid CallId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTime? DeclinedUtc { get; set; }
    /// <summary>Something reached the seller: an open dashboard's toast or a queued push, SMS or email ("N sellers are being notified").</summary>
    public bool Reached { get; set; }
    /// <summary>The seller accepted and did not join within the location's accept deadline: not rung again for this call.</summary>
    public DateTime? NoShowUtc { get; set; }
}
