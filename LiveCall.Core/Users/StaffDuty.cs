namespace LiveCall.Core.Users;

/// <summary>
/// A seller's duty as stored, one row per seller who ever had one. Kept beside the user (not in it) so that the
/// heartbeat's and the seller's own writes never race the profile edits Identity saves whole.
/// What it means now is <see cref="SellerDuty.Effective"/>: a closing time or a shift can have run out since.
/// </summary>
public sealed class StaffDuty
{
    private StaffDuty() { }

    public StaffDuty(string userId) => UserId = userId;

    public string UserId { get; private set; } = "";
    public DutyState State { get; set; }
    /// <summary>When the location closes after this duty began (the duty ends then); null at a location that never closes.</summary>
    public DateTime? EndsUtc { get; set; }
    /// <summary>The last sign of the seller (sign-in, an open dashboard, an accept link): the duty ends a shift length after it.</summary>
    public DateTime? LastSignUtc { get; set; }
}
