using LiveCall.Core.Calls.Incoming;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveCall.App.Calls.Incoming;

public static class AcceptLinkExtensions
{
    /// <summary>
    /// Push, SMS and email for ringing calls (<see cref="RingEscalations"/> replaces the toast-only default) and the
    /// accept links they carry (pages <c>/r/{token}</c> and <c>/r/call</c>).
    /// </summary>
    public static IHostApplicationBuilder AddRingEscalation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section)
            .Validate(o => o.IsValid(), "Escalation: PublicBaseUrl must be an absolute http(s) URL.").ValidateOnStart();
        services.AddSingleton<PublicBaseAddress>();
        services.AddSingleton<RingAcceptLinks>();
        services.AddSingleton<LinkAcceptance>();
        services.RemoveAll<IRingEscalation>();
        services.AddSingleton<IRingEscalation, RingEscalations>();
        return builder;
    }
}
