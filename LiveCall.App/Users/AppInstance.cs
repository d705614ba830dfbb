namespace LiveCall.App.Users;

/// <summary>This process among several app instances (presence rows are tagged with it).</summary>
public sealed class AppInstance
{
    public string Id { get; } = $"{Environment.MachineName[..Math.Min(50, Environment.MachineName.Length)]}:{Guid.NewGuid():N}";
}
