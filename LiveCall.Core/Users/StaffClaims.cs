namespace LiveCall.Core.Users;

/// <summary>Claim types the app puts into a staff user's cookie.</summary>
public static class StaffClaims
{
    public const string Role = "livecall:role";
    public const string DealerId = "livecall:dealer";
    public const string LocationId = "livecall:location";
    public const string DisplayName = "livecall:name";
    public const string Language = "livecall:lang";
}
