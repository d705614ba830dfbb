using LiveCall.Core.Calls.FollowUp;

namespace LiveCall.App.Calls.FollowUp;

public static class FollowUpExtensions
{
    /// <summary>Outgoing FollowUp calls and the guests' personal links.</summary>
    public static IHostApplicationBuilder AddFollowUp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FollowUpService>();
        return builder;
    }

    public static WebApplication MapFollowUp(this WebApplication app) => app.MapGuestLinks();
}
