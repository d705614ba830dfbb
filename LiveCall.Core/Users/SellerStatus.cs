namespace LiveCall.Core.Users;

/// <summary>What a seller's presence chip shows: only available sellers are rung.</summary>
public enum SellerStatus
{
    Available = 0,
    /// <summary>A present participant of a waiting or connected call.</summary>
    Busy = 1,
    /// <summary>Set themselves away (kept in the profile).</summary>
    Away = 2,
}
