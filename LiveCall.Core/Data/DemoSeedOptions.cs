namespace LiveCall.Core.Data;

public sealed class DemoSeedOptions
{
    public const string DefaultPassword = "Demo-Pass-2026!";

    /// <summary>Password of every demo account (Development only).</summary>
    public string DemoPassword { get; set; } = DefaultPassword;
}
