namespace LiveCall.Bench;

/// <summary>"Now" pinned to the end of the seeded data, so "today" and the 48-hour window hold a realistic number of calls.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
