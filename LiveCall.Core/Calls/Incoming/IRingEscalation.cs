namespace LiveCall.Core.Calls.Incoming;

/// <summary>What a ringing call hands to the other channels (web push, SMS, email).</summary>
public sealed record RingContext(Guid CallId, Guid DealerId, Guid LocationId, string CustomerName, DateTime CreatedUtc, DateTime RingEndsUtc,
    IReadOnlyList<string> SellerIds);

/// <summary>
/// The seam between ring-all routing and the other channels: called by <see cref="IncomingCallService"/>
/// inside the request that starts or ends the ring (not from the live bus, which every instance hears).
/// </summary>
public interface IRingEscalation
{
    /// <summary>The ring started: queue push, SMS and email for every ringing seller (with the location's delays).</summary>
    Task RingStartedAsync(RingContext ring, CancellationToken cancellationToken);

    /// <summary>The ring is over (accepted, cancelled, timed out): withdraw whatever has not gone out yet.</summary>
    Task RingEndedAsync(Guid callId, CancellationToken cancellationToken);

    /// <summary>One seller declined: withdraw that seller's pending messages.</summary>
    Task SellerDeclinedAsync(Guid callId, string userId, CancellationToken cancellationToken);
}

/// <summary>The in-app toast only (used until the escalation channels are registered, and in unit tests).</summary>
public sealed class NoRingEscalation : IRingEscalation
{
    public Task RingStartedAsync(RingContext ring, CancellationToken cancellationToken) => Task.CompletedTask;
    public Task RingEndedAsync(Guid callId, CancellationToken cancellationToken) => Task.CompletedTask;
    public Task SellerDeclinedAsync(Guid callId, string userId, CancellationToken cancellationToken) => Task.CompletedTask;
}
