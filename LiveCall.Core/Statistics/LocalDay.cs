namespace LiveCall.Core.Statistics;

/// <summary>"Today" in a time zone: from local midnight, however long the day is (23 or 25 hours on DST days).</summary>
public static class LocalDay
{
    public static DateTime StartUtc(DateTimeOffset now, TimeZoneInfo zone)
    {
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        // Where a DST switch skips midnight itself, the day starts at the first valid local time.
        while (zone.IsInvalidTime(midnight)) midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).UtcDateTime;
    }
}
