using LiveCall.App.Users;
using LiveCall.Core.Live;
using LiveCall.Core.Statistics;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LiveCall.App.Statistics;

public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ILiveEventBus, InProcessLiveEventBus>();
        builder.Services.AddSingleton<AppInstance>();
        builder.Services.AddSingleton<PresenceService>();
        builder.Services.AddSingleton<StatisticsService>();
        builder.Services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        builder.Services.AddHostedService<PresenceHeartbeat>();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        CallExportEndpoint.MapCallExport(app);
        return app;
    }
}

/// <summary>This process among several app instances (presence rows are tagged with it).</summary>
public sealed class AppInstance
{
    public string Id { get; } = $"{Environment.MachineName[..Math.Min(50, Environment.MachineName.Length)]}:{Guid.NewGuid():N}";
}
