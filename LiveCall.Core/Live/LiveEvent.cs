using LiveCall.Core.Calls;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;

namespace LiveCall.Core.Live;

/// <summary>Something open dashboards of a dealer/location should show at once.</summary>
public abstract record LiveEvent(Guid? DealerId, Guid? LocationId)
{
    /// <summary>
    /// Within what <paramref name="scope"/> sees: everything for a platform admin, their dealer for a dealer admin, their
    /// location otherwise. An event of no dealer and no location (a crashed instance's rows aged out) concerns everyone.
    /// </summary>
    public bool IsWithin(TenantScope scope) => (DealerId is null && LocationId is null) || scope.Role switch
    {
        StaffRole.PlatformAdmin => true,
        StaffRole.DealerAdmin => DealerId == scope.DealerId,
        _ => LocationId == scope.LocationId,
    };
}

/// <summary>A call started, was accepted, went unanswered, connected or ended.</summary>
public sealed record CallChanged(Guid CallId, Guid CallDealerId, Guid CallLocationId, CallKind Kind, CallState State) : LiveEvent(CallDealerId, CallLocationId);

/// <summary>A staff user opened or closed their last dashboard (the "Active users" figure).</summary>
public sealed record PresenceChanged(Guid? DealerId, Guid? LocationId) : LiveEvent(DealerId, LocationId);

/// <summary>
/// An incoming call starts ringing at a location: every available seller there gets a toast. With <paramref name="NotJoinedBy"/>
/// it rings again: the seller of that name accepted and did not join in time (and is not among <paramref name="SellerIds"/>).
/// </summary>
public sealed record RingStarted(Guid CallId, Guid RingDealerId, Guid RingLocationId, string CustomerName, DateTime CreatedUtc, IReadOnlyList<string> SellerIds,
    string? NotJoinedBy = null)
    : LiveEvent(RingDealerId, RingLocationId);

/// <summary>The ring is over: answered (by whom), cancelled by the customer, or timed out. Toasts change or go away.</summary>
public sealed record RingEnded(Guid CallId, Guid RingDealerId, Guid RingLocationId, Calls.CallState Outcome, string? AnsweredByUserId, string? AnsweredByName)
    : LiveEvent(RingDealerId, RingLocationId);

/// <summary>One seller declined a ringing call: their toasts go away (the others keep ringing).</summary>
public sealed record RingDeclined(Guid CallId, Guid RingDealerId, Guid RingLocationId, string UserId) : LiveEvent(RingDealerId, RingLocationId);

/// <summary>A callback request arrived or a missed call / callback request was marked done.</summary>
public sealed record CallbacksChanged(Guid CallbackDealerId, Guid CallbackLocationId) : LiveEvent(CallbackDealerId, CallbackLocationId);

/// <summary>
/// Never published: handed to one subscriber in place of <paramref name="Count"/> events its full queue could not take
/// (it fell <see cref="InProcessLiveEventBus.QueueCapacity"/> events behind). The subscriber re-reads what it shows.
/// </summary>
public sealed record EventsMissed(int Count) : LiveEvent(null, null);
