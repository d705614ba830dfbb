namespace LiveCall.Core.Calls.Incoming;

/// <summary>What a ringing call hands to the other channels (web push, SMS, email).</summary>
public sealed record RingContext(Guid CallId, Guid DealerId, Guid LocationId, string CustomerName, DateTime CreatedUtc, DateTime RingEndsUtc,
    IReadOnlyList<string> SellerIds);
