using LiveCall.Core.Users;

namespace LiveCall.App.Calls.Incoming;

public static class RingingExtensions
{
    /// <summary>The seller's in-app ring: one <see cref="RingToastList"/> per circuit, and the seller's availability chip.</summary>
    public static IHostApplicationBuilder AddRinging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<RingToastList>();
        builder.Services.AddSingleton<SellerAvailability>();
        return builder;
    }
}
