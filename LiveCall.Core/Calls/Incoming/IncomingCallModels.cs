namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// Why no call rings. <see cref="AlreadyWaiting"/>: this customer's call of the location rings already; <see cref="TooManyCalls"/>:
/// over the hourly limits of <see cref="RingLimitsOptions"/> (nothing was recorded for either).
/// </summary>
public enum RingRefusal { None, UnknownLocation, Closed, NoSellerAvailable, InvalidName, Inactive, AlreadyWaiting, TooManyCalls }

/// <summary>
/// The answer to a customer's "Start video call": the ringing call and the customer's access token, or
/// why no seller is ringing (closed: with the next opening; no seller: the call is recorded as unanswered).
/// </summary>
public sealed record RingStart(Guid? CallId, string? CustomerToken, int SellersRinging, RingRefusal Refusal, DateTimeOffset? NextOpening)
{
    public bool Ringing => Refusal == RingRefusal.None;

    /// <summary>For <see cref="RingRefusal.InvalidName"/>: message keys by field (see <see cref="CustomerContactRules"/>).</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    public static RingStart Refused(RingRefusal refusal) => new(null, null, 0, refusal, null);
}

/// <summary>A call ringing for one seller: what the toast shows (<paramref name="NotJoinedBy"/>: it rings again because that seller did not join).</summary>
public sealed record RingingCall(Guid CallId, Guid DealerId, Guid LocationId, string LocationName, string CustomerName, DateTime CreatedUtc, TimeSpan RingTimeout,
    string? NotJoinedBy = null);

public enum AcceptOutcome { Won, AlreadyTaken, NotRinging, NotAllowed }

/// <summary>The result of a seller's "Accept": exactly one seller wins; the others learn who did.</summary>
public sealed record AcceptResult(AcceptOutcome Outcome, string? AnsweredBy);
