using LiveCall.App.Infrastructure;
using LiveCall.Core;
using LiveCall.Core.Calls.Incoming;
using Microsoft.AspNetCore.RateLimiting;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// The incoming call end to end: the customer's public page and its endpoints (and the embed button's status), ring-all
/// routing with its timeouts, each seller circuit's toast list, push/SMS/email escalation and the accept-link pages.
/// </summary>
public static class IncomingCallExtensions
{
    public static IHostApplicationBuilder AddIncomingCalls(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIncomingCallServices();
        services.AddHostedService<RingTimeouts>();
        services.AddScoped<RingToastList>();

        services.AddValidatedOptions<CustomerOptions>(CustomerOptions.Section);
        services.AddValidatedOptions<RingToastOptions>(RingToastOptions.Section);
        services.Configure<RateLimiterOptions>(CustomerRateLimits.AddPolicies);
        services.AddSingleton<CustomerCalls>();
        services.AddSingleton<NewRequestLimiter>();
        return builder;
    }

    public static WebApplication MapIncomingCalls(this WebApplication app)
    {
        var api = app.MapGroup("/api/incoming").AllowAnonymous().RequireRateLimiting(CustomerRateLimits.Api).WithBodyLimit(CustomerJson.MaxBodyBytes);
        CustomerCallEndpoints.Map(api);
        CustomerStatusEndpoints.Map(api);
        CustomerStatusEndpoints.MapPublic(app.MapGroup("/api/incoming").AllowAnonymous().RequireRateLimiting(CustomerRateLimits.Embed)
            .WithBodyLimit(CustomerJson.MaxBodyBytes));
        return app;
    }
}
