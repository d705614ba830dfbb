namespace LiveCall.Core.Calls;

public enum CallKind { Incoming = 0, FollowUp = 1 }

public enum CallState
{
    /// <summary>Incoming call ringing at the location's sellers.</summary>
    Ringing = 0,
    /// <summary>FollowUp call created; waiting for a second party.</summary>
    Waiting = 1,
    /// <summary>At least two parties were connected.</summary>
    Connected = 2,
    Ended = 3,
    /// <summary>Incoming call nobody accepted (ring timeout or no seller).</summary>
    Unanswered = 4,
    /// <summary>The customer gave up before anyone accepted.</summary>
    Cancelled = 5,
}

/// <summary>
/// One video call. Duration runs from the moment two parties were connected until the last one left.
/// </summary>
public sealed class Call
{
    private Call() { }

    public Call(CallKind kind, Guid dealerId, Guid locationId, DateTime createdUtc)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        DealerId = dealerId;
        LocationId = locationId;
        CreatedUtc = createdUtc;
        State = kind == CallKind.Incoming ? CallState.Ringing : CallState.Waiting;
    }

    public Guid Id { get; private set; }
    public CallKind Kind { get; private set; }
    public Guid DealerId { get; private set; }
    public Guid LocationId { get; private set; }
    public CallState State { get; set; }
    public DateTime CreatedUtc { get; private set; }
    /// <summary>When a seller accepted (incoming calls).</summary>
    public DateTime? AcceptedUtc { get; set; }
    public string? AcceptedByUserId { get; set; }
    /// <summary>
    /// The seller who accepted did not join in time and the call rang the others again from this moment (the ring time
    /// counts from here then); the customer's page says it is connecting them to another seller.
    /// </summary>
    public DateTime? RangAgainUtc { get; set; }
    public DateTime? ConnectedUtc { get; set; }
    public DateTime? EndedUtc { get; set; }
    /// <summary>Whole seconds from <see cref="ConnectedUtc"/> to <see cref="EndedUtc"/>; stored for statistics.</summary>
    public int? DurationSeconds { get; private set; }
    /// <summary>A missed incoming call someone followed up on ("done" on the dashboard).</summary>
    public DateTime? HandledUtc { get; set; }
    public string? HandledByUserId { get; set; }
    public List<CallParticipant> Participants { get; private set; } = [];
    /// <summary>Hashed keys of the customer who started an incoming call (see <see cref="Incoming.CustomerKeys"/>), for the customer limits.</summary>
    public string? CustomerBrowserKey { get; private set; }
    public string? CustomerContactKey { get; private set; }
    public string? CustomerNetworkKey { get; private set; }

    public void KeyCustomer(Incoming.CustomerKeys hashed)
    {
        CustomerBrowserKey = hashed.Browser;
        CustomerContactKey = hashed.Contact;
        CustomerNetworkKey = hashed.Network;
    }

    public TimeSpan? Duration => ConnectedUtc is { } c && EndedUtc is { } e ? e - c : null;

    public bool IsOver => State is CallState.Ended or CallState.Unanswered or CallState.Cancelled;

    /// <summary>The stored duration for a call that ends at <paramref name="endedUtc"/> (null when never connected).</summary>
    public static int? DurationUntil(DateTime? connectedUtc, DateTime endedUtc) =>
        connectedUtc is { } c ? (int)Math.Max(0, Math.Round((endedUtc - c).TotalSeconds)) : null;
}
