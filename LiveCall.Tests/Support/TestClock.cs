namespace LiveCall.Tests.Support;

/// <summary>Where the tests' fake clocks start unless a test needs another moment.</summary>
public static class TestClock
{
    /// <summary>Monday 2026-11-23 09:00 UTC, 10:00 in Berlin: the demo's Downtown (always open) and Airport (Mon–Sat 08–20) are open.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
}
