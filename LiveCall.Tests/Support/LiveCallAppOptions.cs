namespace LiveCall.Tests.Support;

/// <summary>How a <see cref="LiveCallAppFactory"/> runs the app; set in its initializer: <c>new LiveCallAppFactory { Options = { FakeClock = true } }</c>.</summary>
public sealed class LiveCallAppOptions
{
    private DateTimeOffset _clockStart = TestClock.Start;

    /// <summary>Replaces the app's clock by a <c>FakeTimeProvider</c> (the factory's <see cref="LiveCallAppFactory.Time"/>).</summary>
    public bool FakeClock { get; set; }

    /// <summary>Where the fake clock starts (<see cref="TestClock.Start"/> unless told); setting it turns <see cref="FakeClock"/> on.</summary>
    public DateTimeOffset ClockStart
    {
        get => _clockStart;
        set
        {
            _clockStart = value;
            FakeClock = true;
        }
    }

    /// <summary>Configuration on top of the factory's defaults (a test's own database path, limits, provider settings).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>A log of this app's own lines, for a test that reads what the app logged.</summary>
    public TestLog? Log { get; set; }
}
