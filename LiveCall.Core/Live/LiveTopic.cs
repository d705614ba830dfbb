namespace LiveCall.Core.Live;

/// <summary>
/// What a subscriber listens to, so that the bus hands an event only to those it is about instead of to every circuit of
/// the process: all events (<see cref="All"/>, a platform admin's view), a dealer's, a location's, the rings of a location
/// (the toasts), one user's (their rings, declines, duty and busy state) or one call's (the customer's status stream).
/// An event names the topics it belongs to (<see cref="LiveEvent.Topics"/>); a Redis bus maps each topic to a channel.
/// </summary>
public readonly record struct LiveTopic
{
    private LiveTopic(string key) => Key = key;

    /// <summary>"d:{dealer}", "l:{location}", "u:{user}"…: the topic as a channel name.</summary>
    public string Key { get; }

    public static LiveTopic All { get; } = new("*");
    public static LiveTopic Dealer(Guid dealerId) => new("d:" + dealerId.ToString("N"));
    public static LiveTopic Location(Guid locationId) => new("l:" + locationId.ToString("N"));
    /// <summary>Ring ends at a location: every toast of its sellers follows them ("Answered by", missed).</summary>
    public static LiveTopic Rings(Guid locationId) => new("r:" + locationId.ToString("N"));
    public static LiveTopic User(string userId) => new("u:" + userId);
    public static LiveTopic Call(Guid callId) => new("c:" + callId.ToString("N"));

    /// <summary>Everything <paramref name="scope"/> sees: all for a platform admin, their dealer's for a dealer admin, their location's otherwise.</summary>
    public static LiveTopic Of(Tenancy.TenantScope scope) => scope.Role switch
    {
        Users.StaffRole.PlatformAdmin => All,
        Users.StaffRole.DealerAdmin when scope.DealerId is { } d => Dealer(d),
        _ when scope.LocationId is { } l => Location(l),
        _ => User(scope.UserId),
    };

    public override string ToString() => Key;
}
