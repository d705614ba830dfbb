using Bunit;
using LiveCall.App.Statistics;
using LiveCall.Core.Statistics;
using LiveCall.Tests.Support;
using MudBlazor;

namespace LiveCall.Tests.Statistics;

public sealed class DashboardComponentTests : MudTestContext
{
    [Fact]
    public void Tile_WithoutAValue_ShowsADashNotZero()
    {
        var tile = Render<DashboardTile>(p => p.Add(t => t.Title, "Average call duration").Add(t => t.Icon, Icons.Material.Filled.Timer).Add(t => t.TestId, "t"));
        Assert.Equal("—", tile.Find("[data-testid=t-value]").TextContent);
    }

    [Fact]
    public void Tile_ShowsItsValue()
    {
        var tile = Render<DashboardTile>(p => p.Add(t => t.Title, "Calls today").Add(t => t.Icon, Icons.Material.Filled.Timer).Add(t => t.Value, "7").Add(t => t.TestId, "t"));
        Assert.Equal("7", tile.Find("[data-testid=t-value]").TextContent);
        Assert.Contains("Calls today", tile.Markup);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(75, "1:15")]
    [InlineData(3725, "1:02:05")]
    public void Duration_IsMinutesAndSeconds(int? seconds, string? expected) =>
        Assert.Equal(expected, DashboardPage.Duration(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public void Chart_Plots48HoursOfThreeSeriesWithLocalHourLabels()
    {
        var start = new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc);
        var hours = Enumerable.Range(0, 48).Select(i => new HourlyCalls(start.AddHours(i), i % 5, i % 3, i % 2)).ToList();

        var chart = Render<CallStatisticsChart>(p => p.Add(c => c.Hours, hours).Add(c => c.Zone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));

        var mud = chart.FindComponent<MudChart<double>>();
        Assert.Equal(["Incoming", "Accepted", "Unanswered"], mud.Instance.ChartSeries.Select(s => s.Name));
        Assert.All(mud.Instance.ChartSeries, s => Assert.Equal(48, s.Data.Count()));
        Assert.Equal("17:00", mud.Instance.ChartLabels[0]); // 16:00 UTC is 17:00 in Berlin in November
        Assert.Equal("", mud.Instance.ChartLabels[1]);
        Assert.Equal(hours.Sum(h => h.Incoming), mud.Instance.ChartSeries[0].Data.Sum());
    }
}
