namespace LiveCall.Core.Users;

/// <summary>What a seller's presence chip shows: only available sellers are rung.</summary>
public enum SellerStatus
{
    /// <summary>On duty and free: rung on every channel.</summary>
    Available = 0,
    /// <summary>A present participant of a waiting or connected call, or on the way into a call they accepted.</summary>
    Busy = 1,
    /// <summary>Chose "Away" (kept in the profile).</summary>
    Away = 2,
    /// <summary>Not on duty: logged out, the location closed, or the shift ran out.</summary>
    OffDuty = 3,
}
