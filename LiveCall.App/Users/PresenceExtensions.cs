using LiveCall.Core.Users;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LiveCall.App.Users;

/// <summary>Staff presence: open dashboards ("Active users"), the seller's duty and availability, and its menu.</summary>
public static class PresenceExtensions
{
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AppInstance>();
        builder.Services.AddSingleton<PresenceService>();
        builder.Services.AddSingleton<SellerAvailability>();
        builder.Services.AddSingleton<SellerDuty>();
        builder.Services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        builder.Services.AddHostedService<PresenceHeartbeat>();
        return builder;
    }
}
