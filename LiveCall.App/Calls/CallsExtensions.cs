using LiveCall.App.Calls.Incoming;
using LiveCall.App.Calls.Signaling;
using LiveCall.Core.Calls;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCall.App.Calls;

public static class CallsExtensions
{
    /// <summary>The call lifecycle, guest/customer access tokens, ICE configuration and the signaling hub.</summary>
    public static IHostApplicationBuilder AddCalls(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IceOptions>().BindConfiguration("Ice").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignalingOptions>().BindConfiguration("Signaling").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallService>();
        services.AddSingleton<CallAccessTokens>();
        services.AddSingleton<LiveCall.Core.Calls.Incoming.IncomingCallService>();
        services.TryAddSingleton<LiveCall.Core.Calls.Incoming.IRingEscalation, LiveCall.Core.Calls.Incoming.NoRingEscalation>();
        services.AddSingleton<LiveCall.Core.Calls.Incoming.CallbackService>();
        services.AddHostedService<RingTimeouts>();
        services.AddSingleton<IceServerIssuer>();
        services.AddSingleton<CallRoster>();
        services.AddHostedService<CallDepartures>();
        services.AddHostedService<SeatHeartbeat>();

        var maxMessageBytes = builder.Configuration.GetValue("Signaling:MaxMessageBytes", new SignalingOptions().MaxMessageBytes);
        services.AddSignalR().AddHubOptions<SignalingHub>(o =>
        {
            o.MaximumReceiveMessageSize = maxMessageBytes;
            o.EnableDetailedErrors = false;
            o.AddFilter<MessageRateFilter>();
        });
        services.AddSingleton<MessageRateFilter>();
        return builder;
    }

    public static WebApplication MapCalls(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(SignalingHub.Path), a => a.UseMiddleware<SignalingOriginCheck>());
        app.MapHub<SignalingHub>(SignalingHub.Path).AllowAnonymous();
        return app;
    }
}
