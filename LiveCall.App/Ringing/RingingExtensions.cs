using LiveCall.Core.Users;

namespace LiveCall.App.Ringing;

public static class RingingExtensions
{
    /// <summary>The seller's in-app ring: one <see cref="CallRouter"/> per circuit, and the seller's availability chip.</summary>
    public static IHostApplicationBuilder AddRinging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CallRouter>();
        builder.Services.AddSingleton<SellerAvailability>();
        return builder;
    }
}
