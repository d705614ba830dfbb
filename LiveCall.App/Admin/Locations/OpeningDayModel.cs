using LiveCall.Core.Dealers;

namespace LiveCall.App.Admin.Locations;

public enum DayMode { Closed, AllDay, Hours }

/// <summary>One weekday of the opening-hours editor.</summary>
public sealed class OpeningDayModel
{
    public DayOfWeek Day { get; init; }
    public DayMode Mode { get; set; } = DayMode.Closed;
    public string Open { get; set; } = "08:00";
    public string Close { get; set; } = "18:00";

    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static List<OpeningDayModel> From(OpeningHours hours) => Week.Select(day =>
    {
        var interval = hours.On(day).FirstOrDefault();
        if (interval is null) return new OpeningDayModel { Day = day };
        if (interval.Open == TimeOnly.MinValue && interval.Close == TimeOnly.MinValue) return new OpeningDayModel { Day = day, Mode = DayMode.AllDay };
        return new OpeningDayModel { Day = day, Mode = DayMode.Hours, Open = interval.Open.ToString("HH:mm"), Close = interval.Close.ToString("HH:mm") };
    }).ToList();

    /// <summary>The opening hours, or null when a day has times that are missing or not in order.</summary>
    public static OpeningHours? ToHours(IEnumerable<OpeningDayModel> days)
    {
        var result = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var d in days)
        {
            switch (d.Mode)
            {
                case DayMode.AllDay:
                    result[d.Day] = [new OpeningInterval(TimeOnly.MinValue, TimeOnly.MinValue)];
                    break;
                case DayMode.Hours:
                    if (!d.IsValid) return null;
                    result[d.Day] = [new OpeningInterval(TimeOnly.Parse(d.Open), TimeOnly.Parse(d.Close))];
                    break;
            }
        }
        return new OpeningHours(result);
    }

    public bool IsValid => Mode != DayMode.Hours
        || (TimeOnly.TryParse(Open, out var o) && TimeOnly.TryParse(Close, out var c) && c > o);
}
