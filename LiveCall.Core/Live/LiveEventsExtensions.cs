using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Core.Live;

public static class LiveEventsExtensions
{
    /// <summary>The live-event bus into open circuits (in-process; a Redis-backed one replaces it for several instances).</summary>
    public static IServiceCollection AddLiveEvents(this IServiceCollection services)
    {
        services.AddSingleton<ILiveEventBus, InProcessLiveEventBus>();
        return services;
    }
}
