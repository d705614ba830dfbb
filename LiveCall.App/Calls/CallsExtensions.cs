using LiveCall.App.Calls.Signaling;
using LiveCall.Core;
using LiveCall.Core.Calls;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls;

public static class CallsExtensions
{
    /// <summary>The call lifecycle, guest/customer access tokens, ICE configuration and the signaling hub.</summary>
    public static IHostApplicationBuilder AddCalls(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<IceOptions>(IceOptions.Section);
        services.AddValidatedOptions<SignalingOptions>(SignalingOptions.Section);
        services.AddSingleton<CallService>();
        services.AddSingleton<CallAccessTokens>();
        services.AddSingleton<IceServerIssuer>();
        services.AddSingleton<CallRoster>();
        services.AddHostedService<CallDepartures>();
        services.AddHostedService<SeatHeartbeat>();
        services.AddSingleton<StaffSeatCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffSeatCheck>());

        services.AddSignalR().AddHubOptions<SignalingHub>(o =>
        {
            o.EnableDetailedErrors = false;
            o.AddFilter<MessageRateFilter>();
        });
        services.AddOptions<HubOptions<SignalingHub>>().Configure<IOptions<SignalingOptions>>((hub, signaling) =>
            hub.MaximumReceiveMessageSize = signaling.Value.MaxMessageBytes);
        services.AddSingleton<MessageRateFilter>();
        return builder;
    }

    public static WebApplication MapCalls(this WebApplication app)
    {
        app.MapHub<SignalingHub>(SignalingHub.Path).AllowAnonymous();
        return app;
    }
}
