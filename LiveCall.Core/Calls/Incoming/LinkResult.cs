using LiveCall.Core.Users;

namespace LiveCall.Core.Calls.Incoming;

public enum LinkOutcome
{
    /// <summary>Wrong, used, older than its duty window, or its seller deactivated: one answer for all.</summary>
    Invalid,
    /// <summary>The call is still ringing for the link's seller (preview only).</summary>
    Ringing,
    /// <summary>Another seller accepted the call first.</summary>
    AnsweredByOther,
    /// <summary>The link's seller won the call.</summary>
    Accepted,
    /// <summary>Another staff user is logged in on this browser: the link stays unused (the call page would admit that user, not the seller).</summary>
    OtherUserSignedIn,
    /// <summary>The ring ended without an answer (ring time over, everyone declined, the customer hung up).</summary>
    Missed,
    /// <summary>
    /// The call rings on, but no longer for the link's seller: they declined (the toast's "Decline" or "I'm away for
    /// today"), or accepted and did not join in time.
    /// </summary>
    Declined,
    /// <summary>The link's seller answered the call elsewhere (their dashboard's toast).</summary>
    AnsweredBySeller,
}

/// <summary>
/// What an accept link leads to. <see cref="Access"/> is the seller's call token for a device where they are not
/// logged in (null when they are: the staff call page serves them). <see cref="Duty"/> is the seller's availability
/// for the page's one-tap duty action; <see cref="SellerSignedIn"/> says the seller is logged in on this browser;
/// <see cref="TapNeeded"/> says a request changed nothing because no person tapped.
/// </summary>
public sealed record LinkResult(LinkOutcome Outcome, Guid? CallId = null, Guid? DealerId = null, Guid? LocationId = null,
    string? CustomerName = null, string? LocationName = null, string? AnsweredBy = null, CallInvitation? Access = null,
    SellerStatus? Duty = null, bool SellerSignedIn = false, bool TapNeeded = false)
{
    public static readonly LinkResult Invalid = new(LinkOutcome.Invalid);
}
