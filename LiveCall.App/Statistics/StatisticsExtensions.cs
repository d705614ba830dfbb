using LiveCall.Core.Statistics;

namespace LiveCall.App.Statistics;

/// <summary>The dashboard's figures and chart, the calls list and its CSV export.</summary>
public static class StatisticsExtensions
{
    public static IHostApplicationBuilder AddStatistics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatisticsService>();
        builder.Services.AddSingleton<DashboardFeed>();
        return builder;
    }

    public static WebApplication MapStatistics(this WebApplication app)
    {
        CallExportEndpoint.MapCallExport(app);
        return app;
    }
}
