namespace LiveCall.App.Calls.Incoming;

public enum RingToastState { Ringing, Answered, Missed }

/// <summary>
/// One incoming call on one seller's screen: ringing (again, when <see cref="NotJoinedBy"/> accepted and did not join),
/// then "Answered by NAME" or "Missed" for a few seconds.
/// </summary>
public sealed class RingToast(Guid callId, string customerName, string locationName, DateTime createdUtc, string? notJoinedBy = null)
{
    public Guid CallId { get; } = callId;
    public string CustomerName { get; } = customerName;
    public string LocationName { get; } = locationName;
    public DateTime CreatedUtc { get; } = createdUtc;
    public string? NotJoinedBy { get; } = notJoinedBy;
    public RingToastState State { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>An accept or decline of this seller is on its way (the buttons are disabled).</summary>
    public bool Busy { get; set; }

    public void Answered(string? by, DateTimeOffset now)
    {
        State = RingToastState.Answered;
        AnsweredBy = by;
        EndedAt ??= now;
        Busy = false;
    }

    public void Missed(DateTimeOffset now)
    {
        if (State != RingToastState.Ringing) return;
        State = RingToastState.Missed;
        EndedAt = now;
        Busy = false;
    }

    /// <summary>"0:12" (or "1:02:05"): how long the customer has been waiting.</summary>
    public string WaitingText(DateTimeOffset now)
    {
        var waited = now.UtcDateTime - CreatedUtc;
        if (waited < TimeSpan.Zero) waited = TimeSpan.Zero;
        return waited.TotalHours >= 1 ? waited.ToString(@"h\:mm\:ss") : waited.ToString(@"m\:ss");
    }
}
