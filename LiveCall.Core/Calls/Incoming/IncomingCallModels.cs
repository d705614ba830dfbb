namespace LiveCall.Core.Calls.Incoming;

public enum RingRefusal { None, UnknownLocation, Closed, NoSellerAvailable, InvalidName }

/// <summary>
/// The answer to a customer's "Start video call": the ringing call and the customer's access token, or
/// why no seller is ringing (closed: with the next opening; no seller: the call is recorded as unanswered).
/// </summary>
public sealed record RingStart(Guid? CallId, string? CustomerToken, int SellersRinging, RingRefusal Refusal, DateTimeOffset? NextOpening)
{
    public bool Ringing => Refusal == RingRefusal.None;
}

public enum AcceptOutcome { Won, AlreadyTaken, NotRinging, NotAllowed }

/// <summary>The result of a seller's "Accept": exactly one seller wins; the others learn who did.</summary>
public sealed record AcceptResult(AcceptOutcome Outcome, string? AnsweredBy);
