using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Core.Calls.Incoming;

public static class IncomingCallServices
{
    /// <summary>
    /// Who is rung, the accept race, ring end, escalation by push/SMS/email with accept links, and callback requests.
    /// Needs the data, notification and live-event registrations.
    /// </summary>
    public static IServiceCollection AddIncomingCallServices(this IServiceCollection services)
    {
        services.AddValidatedOptions<RingLimitsOptions>(RingLimitsOptions.Section);
        services.AddSingleton<CustomerLimits>();
        services.AddSingleton<IncomingCallService>();
        services.AddSingleton<RingEnd>();
        services.AddSingleton<CallbackService>();
        services.AddSingleton<RingEscalations>();
        services.AddSingleton<RingAcceptLinks>();
        services.AddSingleton<LinkAcceptance>();
        return services;
    }
}
