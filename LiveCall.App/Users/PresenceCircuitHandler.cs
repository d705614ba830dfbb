using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace LiveCall.App.Users;

/// <summary>A staff user's open circuit counts as "online" until it closes.</summary>
internal sealed partial class PresenceCircuitHandler(AuthenticationStateProvider authentication, PresenceService presence, AppInstance instance,
    ILogger<PresenceCircuitHandler> logger) : CircuitHandler
{
    private bool _tracked;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (TenantScope.From(state.User) is not { } scope) return;
        try
        {
            await presence.OpenAsync(circuit.Id, instance.Id, scope, cancellationToken);
            _tracked = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPresenceFailed(logger, e);
        }
    }

    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!_tracked) return;
        try
        {
            await presence.CloseAsync(circuit.Id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPresenceFailed(logger, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not record staff presence")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception);
}
