using System.Text.Json;

namespace LiveCall.Core.Dealers;

/// <summary>One opening interval on a weekday, in the location's local time. Close ≤ Open means "until midnight".</summary>
public sealed record OpeningInterval(TimeOnly Open, TimeOnly Close)
{
    public bool Contains(TimeOnly time) =>
        Close > Open ? time >= Open && time < Close : time >= Open;
}

/// <summary>Weekly opening hours of a location in its local time zone.</summary>
public sealed record OpeningHours
{
    public OpeningHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> days) => Days = days;

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Days { get; }

    public static OpeningHours AlwaysOpen { get; } = new(Enum.GetValues<DayOfWeek>()
        .ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[new OpeningInterval(TimeOnly.MinValue, TimeOnly.MinValue)]));

    public static OpeningHours Weekly(TimeOnly open, TimeOnly close, params DayOfWeek[] days) =>
        new(days.ToDictionary(d => d, _ => (IReadOnlyList<OpeningInterval>)[new OpeningInterval(open, close)]));

    public IReadOnlyList<OpeningInterval> On(DayOfWeek day) =>
        Days.TryGetValue(day, out var intervals) ? intervals : [];

    public bool IsOpenAt(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return On(local.DayOfWeek).Any(i => i.Contains(time));
    }

    /// <summary>The next instant (UTC) at which the location opens, searching up to 8 days ahead; null if never.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone);
        for (var dayOffset = 0; dayOffset <= 7; dayOffset++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(dayOffset);
            foreach (var interval in On(date.DayOfWeek).OrderBy(i => i.Open))
            {
                var localStart = date.ToDateTime(interval.Open);
                if (zone.IsInvalidTime(localStart)) localStart = localStart.AddHours(1);
                var start = new DateTimeOffset(localStart, zone.GetUtcOffset(localStart));
                if (start > after) return start.ToUniversalTime();
            }
        }
        return null;
    }

    /// <summary>
    /// When the open period that <paramref name="after"/> falls in ends, or, while closed, when the next one ends (UTC):
    /// intervals that touch (Monday until midnight, Tuesday from midnight) are one period. Null when the location does not
    /// close within the next week (open around the clock).
    /// </summary>
    public DateTimeOffset? NextClosing(DateTimeOffset after, TimeZoneInfo zone)
    {
        const int horizonDays = 8;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        var periods = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        for (var dayOffset = -1; dayOffset <= horizonDays; dayOffset++)
        {
            var date = today.AddDays(dayOffset);
            foreach (var interval in On(date.DayOfWeek))
            {
                var end = interval.Close > interval.Open ? date.ToDateTime(interval.Close) : date.AddDays(1).ToDateTime(TimeOnly.MinValue);
                periods.Add((ToUtc(date.ToDateTime(interval.Open), zone), ToUtc(end, zone)));
            }
        }
        var horizon = ToUtc(today.AddDays(horizonDays).ToDateTime(TimeOnly.MinValue), zone);
        DateTimeOffset? runEnd = null;
        foreach (var (start, end) in periods.OrderBy(p => p.Start))
        {
            if (runEnd is { } open && start <= open)
            {
                if (end > open) runEnd = end;
                continue;
            }
            if (runEnd is { } closed && closed > after) return closed;
            runEnd = end;
        }
        return runEnd is { } last && last > after && last < horizon ? last : null;
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public bool IsAlwaysOpen => Enum.GetValues<DayOfWeek>().All(d =>
        On(d).Any(i => i.Open == TimeOnly.MinValue && i.Close == TimeOnly.MinValue));

    public string ToJson() => JsonSerializer.Serialize(
        Days.OrderBy(d => d.Key).ToDictionary(d => d.Key.ToString(), d => d.Value.Select(i => new[] { i.Open.ToString("HH:mm"), i.Close.ToString("HH:mm") })));

    public static OpeningHours FromJson(string json)
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(json) ?? [];
        return new(raw.ToDictionary(
            d => Enum.Parse<DayOfWeek>(d.Key),
            d => (IReadOnlyList<OpeningInterval>)d.Value.Select(i => new OpeningInterval(TimeOnly.Parse(i[0]), TimeOnly.Parse(i[1]))).ToList()));
    }

    public bool Equals(OpeningHours? other) => other is not null && ToJson() == other.ToJson();
    public override int GetHashCode() => ToJson().GetHashCode();
}
