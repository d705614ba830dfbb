namespace LiveCall.Tests.Support;

/// <summary>How a <see cref="ServiceHost"/> starts.</summary>
public sealed class ServiceHostOptions
{
    /// <summary>Where the fake clock starts.</summary>
    public DateTimeOffset Start { get; set; } = TestClock.Start;

    /// <summary>The demo dealer, its two locations and one account per role (as the app seeds in Development). Off for tests that count everything.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary>The host environment; Development, as the tests' app, unless a test means another.</summary>
    public string Environment { get; set; } = Microsoft.Extensions.Hosting.Environments.Development;

    /// <summary>Configuration on top of the host's defaults, e.g. <c>Settings["Outbox:BatchSize"] = "7"</c>.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Adds several settings at once (a stand-in provider's, say).</summary>
    public void AddSettings(Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings) Settings[key] = value;
    }
}
