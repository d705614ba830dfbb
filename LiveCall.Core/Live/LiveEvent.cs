using LiveCall.Core.Calls;

namespace LiveCall.Core.Live;

/// <summary>Something open dashboards of a dealer/location should show at once.</summary>
public abstract record LiveEvent(Guid? DealerId, Guid? LocationId);

/// <summary>A call started, was accepted, went unanswered, connected or ended.</summary>
public sealed record CallChanged(Guid CallId, Guid CallDealerId, Guid CallLocationId, CallKind Kind, CallState State) : LiveEvent(CallDealerId, CallLocationId);

/// <summary>A staff user opened or closed their last dashboard (the "Active users" figure).</summary>
public sealed record PresenceChanged(Guid? DealerId, Guid? LocationId) : LiveEvent(DealerId, LocationId);
