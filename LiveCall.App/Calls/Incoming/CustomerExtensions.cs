using Microsoft.AspNetCore.RateLimiting;

namespace LiveCall.App.Calls.Incoming;

/// <summary>The customer's side of incoming calls: the public location page, its JSON endpoints and the embed button's status.</summary>
public static class CustomerExtensions
{
    public static IHostApplicationBuilder AddCustomer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CustomerOptions>().BindConfiguration("Customer")
            .Validate(o => o.PageRequestsPerMinute > 0 && o.ApiRequestsPerMinute > 0 && o.EmbedStatusPerMinute > 0 && o.NewRequestsPerTenMinutes > 0,
                "Customer rate limits must be positive.")
            .ValidateOnStart();
        builder.Services.Configure<RateLimiterOptions>(CustomerRateLimits.AddPolicies);
        builder.Services.AddSingleton<CustomerCalls>();
        builder.Services.AddSingleton<NewRequestLimiter>();
        return builder;
    }

    public static WebApplication MapCustomer(this WebApplication app)
    {
        var api = app.MapGroup("/api/incoming").AllowAnonymous().RequireRateLimiting(CustomerRateLimits.Api);
        CustomerCallEndpoints.Map(api);
        CustomerStatusEndpoints.Map(api);
        CustomerStatusEndpoints.MapPublic(app.MapGroup("/api/incoming").AllowAnonymous().RequireRateLimiting(CustomerRateLimits.Embed));
        return app;
    }
}
