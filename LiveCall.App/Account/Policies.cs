namespace LiveCall.App.Account;

public static class Policies
{
    public const string Admin = "Admin";
    public const string PlatformAdmin = "PlatformAdmin";
}
