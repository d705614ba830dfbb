namespace LiveCall.Bench;

/// <summary>A seeded location with its dealer and how busy it is relative to the others.</summary>
public sealed record SeededLocation(Guid DealerId, Guid LocationId, TimeZoneInfo Zone, double Weight);
