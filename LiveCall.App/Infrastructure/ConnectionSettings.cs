using LiveCall.App.Calls.Signaling;
using LiveCall.Core;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary>Blazor circuit options and the SignalR options of both hubs (circuits and signaling), from <see cref="ConnectionOptions"/>.</summary>
public static class ConnectionSettings
{
    public static IHostApplicationBuilder AddConnectionSettings(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ConnectionOptions>(ConnectionOptions.Section);
        services.AddSingleton<ConnectionCounter>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOptions<CircuitOptions>().Configure<IOptions<ConnectionOptions>>((circuit, connections) =>
        {
            var o = connections.Value;
            circuit.DetailedErrors = false; // exception texts stay on the server
            circuit.DisconnectedCircuitMaxRetained = o.DisconnectedCircuitMaxRetained;
            circuit.DisconnectedCircuitRetentionPeriod = o.DisconnectedCircuitRetentionPeriod;
            circuit.MaxBufferedUnacknowledgedRenderBatches = o.MaxBufferedUnacknowledgedRenderBatches;
            circuit.JSInteropDefaultCallTimeout = o.JSInteropDefaultCallTimeout;
        });
        // The circuits' hub (Blazor's ComponentHub is internal: its options are the global hub options it falls back to).
        services.AddOptions<HubOptions>().Configure<IOptions<ConnectionOptions>>((hub, connections) =>
        {
            var o = connections.Value;
            hub.MaximumReceiveMessageSize = o.CircuitMaxReceiveMessageBytes;
            hub.MaximumParallelInvocationsPerClient = o.MaximumParallelInvocationsPerClient;
            hub.ClientTimeoutInterval = o.ClientTimeoutInterval;
            hub.KeepAliveInterval = o.KeepAliveInterval;
            hub.EnableDetailedErrors = false;
        });
        // Signaling: the same timing; its message size is Signaling:MaxMessageBytes (set with the hub in AddCalls).
        services.AddOptions<HubOptions<SignalingHub>>().Configure<IOptions<ConnectionOptions>>((hub, connections) =>
        {
            var o = connections.Value;
            hub.MaximumParallelInvocationsPerClient = o.MaximumParallelInvocationsPerClient;
            hub.ClientTimeoutInterval = o.ClientTimeoutInterval;
            hub.KeepAliveInterval = o.KeepAliveInterval;
        });
        return builder;
    }
}
