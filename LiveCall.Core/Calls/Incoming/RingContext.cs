namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// What a ringing call hands to the other channels (web push, SMS, email). <paramref name="StartedUtc"/> is when this ring
/// started (the call's creation, or the moment it rang again after a seller did not join): the location's delays
/// (<paramref name="SmsDelay"/>, <paramref name="EmailDelay"/>, as the ring read them) count from it.
/// </summary>
public sealed record RingContext(Guid CallId, Guid DealerId, Guid LocationId, string LocationName, string CustomerName, DateTime StartedUtc, DateTime RingEndsUtc,
    TimeSpan SmsDelay, TimeSpan EmailDelay, IReadOnlyList<string> SellerIds);
