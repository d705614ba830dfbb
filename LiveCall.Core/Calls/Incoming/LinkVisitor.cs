namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// Who is behind a request with an accept link: the staff user signed in on that browser (if any) and whether a person
/// tapped a button of the page (the page's script marks only a trusted click; a link scanner running the page's script
/// produces none).
/// </summary>
public sealed record LinkVisitor(string? SignedInUserId, bool Tapped)
{
    /// <summary>The link's seller is present: signed in on this browser, or a person tapped. Only then may a link act.</summary>
    public bool IsPresent(string sellerId) => Tapped || SignedInUserId == sellerId;
}
