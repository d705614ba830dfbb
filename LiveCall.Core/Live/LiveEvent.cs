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

    /// <summary>An event of no dealer and no location goes to every subscriber, whatever it listens to.</summary>
    public bool IsForEveryone => DealerId is null && LocationId is null;

    /// <summary>
    /// The topics the bus hands this event to: always <see cref="LiveTopic.All"/> (a platform admin's view), and by default
    /// its dealer and location. Events meant for a few (a ring for its sellers) name those instead.
    /// </summary>
    public virtual IEnumerable<LiveTopic> Topics
    {
        get
        {
            yield return LiveTopic.All;
            if (DealerId is { } d) yield return LiveTopic.Dealer(d);
            if (LocationId is { } l) yield return LiveTopic.Location(l);
        }
    }
}

/// <summary>
/// A call started, was accepted, went unanswered, connected or ended. <paramref name="StaffUserIds"/>: the staff whose
/// "busy" may have changed with it (the seller who accepted, those in the call when it ended); they hear it on their own topic.
/// </summary>
public sealed record CallChanged(Guid CallId, Guid CallDealerId, Guid CallLocationId, CallKind Kind, CallState State, IReadOnlyList<string> StaffUserIds)
    : LiveEvent(CallDealerId, CallLocationId)
{
    public CallChanged(Guid callId, Guid dealerId, Guid locationId, CallKind kind, CallState state) : this(callId, dealerId, locationId, kind, state, []) { }

    public override IEnumerable<LiveTopic> Topics => base.Topics.Append(LiveTopic.Call(CallId)).Concat(StaffUserIds.Distinct().Select(LiveTopic.User));
}

/// <summary>
/// A staff user's presence changed: they opened or closed a dashboard (the "Active users" figure) or their duty changed
/// (<paramref name="UserId"/>: whose; none when rows of several users aged out at once).
/// </summary>
public sealed record PresenceChanged(Guid? DealerId, Guid? LocationId, string? UserId = null) : LiveEvent(DealerId, LocationId)
{
    public override IEnumerable<LiveTopic> Topics => UserId is null ? base.Topics : base.Topics.Append(LiveTopic.User(UserId));
}

/// <summary>
/// An incoming call starts ringing at a location: every available seller there gets a toast. With <paramref name="NotJoinedBy"/>
/// it rings again: the seller of that name accepted and did not join in time (and is not among <paramref name="SellerIds"/>).
/// It carries everything a toast shows, so a rung circuit reads nothing from the database; it goes to the rung sellers' topics only.
/// </summary>
public sealed record RingStarted(Guid CallId, Guid RingDealerId, Guid RingLocationId, string LocationName, string CustomerName, DateTime CreatedUtc,
    IReadOnlyList<string> SellerIds, string? NotJoinedBy = null)
    : LiveEvent(RingDealerId, RingLocationId)
{
    public override IEnumerable<LiveTopic> Topics => [LiveTopic.All, LiveTopic.Call(CallId), .. SellerIds.Distinct().Select(LiveTopic.User)];
}

/// <summary>The ring is over: answered (by whom), cancelled by the customer, or timed out. Toasts change or go away.</summary>
public sealed record RingEnded(Guid CallId, Guid RingDealerId, Guid RingLocationId, Calls.CallState Outcome, string? AnsweredByUserId, string? AnsweredByName)
    : LiveEvent(RingDealerId, RingLocationId)
{
    public override IEnumerable<LiveTopic> Topics => [LiveTopic.All, LiveTopic.Call(CallId), LiveTopic.Rings(RingLocationId)];
}

/// <summary>One seller declined a ringing call: their toasts go away (the others keep ringing).</summary>
public sealed record RingDeclined(Guid CallId, Guid RingDealerId, Guid RingLocationId, string UserId) : LiveEvent(RingDealerId, RingLocationId)
{
    public override IEnumerable<LiveTopic> Topics => [LiveTopic.All, LiveTopic.Call(CallId), LiveTopic.User(UserId)];
}

/// <summary>A callback request arrived or a missed call / callback request was marked done.</summary>
public sealed record CallbacksChanged(Guid CallbackDealerId, Guid CallbackLocationId) : LiveEvent(CallbackDealerId, CallbackLocationId);

/// <summary>
/// Never published: handed to one subscriber in place of <paramref name="Count"/> events its full queue could not take
/// (it fell <see cref="InProcessLiveEventBus.QueueCapacity"/> events behind). The subscriber re-reads what it shows.
/// </summary>
public sealed record EventsMissed(int Count) : LiveEvent(null, null);
