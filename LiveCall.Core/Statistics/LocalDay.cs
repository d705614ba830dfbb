namespace LiveCall.Core.Statistics;

/// <summary>"Today" in a time zone: from local midnight, however long the day is (23 or 25 hours on DST days).</summary>
public static class LocalDay
{
    /// <summary>The start (UTC) of the local day that contains <paramref name="now"/>.</summary>
    public static DateTime StartUtc(DateTimeOffset now, TimeZoneInfo zone) =>
        StartUtc(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), zone);

    /// <summary>The start (UTC) of the local calendar day <paramref name="day"/>.</summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        // Where a DST switch skips midnight itself, the day starts at the first valid local time.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).UtcDateTime;
    }
}
