using LiveCall.App.Statistics;

namespace LiveCall.Tests.Statistics;

public sealed class CallExportTests
{
    [Theory]
    [InlineData("Downtown", "\"Downtown\"")]
    [InlineData("Say \"hi\"", "\"Say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+49 151", "\"'+49 151\"")]
    [InlineData(null, "")]
    public void Csv_QuotesAndNeutralisesFormulas(string? value, string expected) =>
        Assert.Equal(expected, CallExportEndpoint.Csv(value));
}

public sealed class CallFilterTests
{
    [Fact]
    public void ToQuery_TurnsLocalDaysIntoUtcBounds_IncludingA25HourDay()
    {
        var day = new DateOnly(2026, 10, 25); // Berlin falls back from CEST to CET
        var query = new CallFilter(day, day, null, null, null, null, null).ToQuery(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc), query.FromUtc);
        Assert.Equal(new DateTime(2026, 10, 25, 23, 0, 0, DateTimeKind.Utc), query.ToUtc);
    }
}
