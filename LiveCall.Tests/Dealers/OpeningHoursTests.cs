using LiveCall.Core.Dealers;

namespace LiveCall.Tests.Dealers;

public sealed class OpeningHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly OpeningHours Airport = OpeningHours.Weekly(new TimeOnly(8, 0), new TimeOnly(20, 0),
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday);

    [Theory]
    [InlineData("2026-11-23T06:59:00Z", false)] // Monday 07:59 in Berlin (UTC+1)
    [InlineData("2026-11-23T07:00:00Z", true)]  // 08:00
    [InlineData("2026-11-23T18:59:00Z", true)]  // 19:59
    [InlineData("2026-11-23T19:00:00Z", false)] // 20:00
    [InlineData("2026-11-29T12:00:00Z", false)] // Sunday
    [InlineData("2026-07-06T06:30:00Z", true)]  // Monday 08:30 in summer (UTC+2)
    public void IsOpenAt_ReadsTheHoursInTheLocationsTimeZone(string utc, bool open) =>
        Assert.Equal(open, Airport.IsOpenAt(DateTimeOffset.Parse(utc), Berlin));

    [Fact]
    public void NextOpening_OnSaturdayEvening_IsMondayMorning()
    {
        var next = Airport.NextOpening(DateTimeOffset.Parse("2026-11-28T20:00:00Z"), Berlin);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:00:00Z"), next);
    }

    [Fact]
    public void Json_RoundTrips() =>
        Assert.Equal(Airport, OpeningHours.FromJson(Airport.ToJson()));

    [Fact]
    public void AlwaysOpen_IsOpenAtMidnightOnSunday() =>
        Assert.True(OpeningHours.AlwaysOpen.IsOpenAt(DateTimeOffset.Parse("2026-11-29T23:00:00Z"), Berlin));
}
