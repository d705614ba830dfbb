using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Account;

/// <summary>
/// A circuit's signed-in user, followed by the server's <see cref="CircuitSessionCheck"/>: a deactivated user, or one whose
/// security stamp changed, is signed out of the open dashboard within one interval (the pages then send them to the login).
/// </summary>
internal sealed class StaffAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly CircuitSessionCheck _check;
    private readonly IdentityOptions _identity;
    private readonly Lock _gate = new();
    private IDisposable? _watch;
    private bool _disposed;

    public StaffAuthenticationStateProvider(CircuitSessionCheck check, IOptions<IdentityOptions> identity)
    {
        _check = check;
        _identity = identity.Value;
        AuthenticationStateChanged += Follow;
    }

    private async void Follow(Task<AuthenticationState> state)
    {
        AuthenticationState current;
        try
        {
            current = await state;
        }
        catch (Exception)
        {
            return; // the framework reports a failed authentication state itself
        }
        lock (_gate)
        {
            _watch?.Dispose();
            _watch = null;
            if (_disposed || current.User.Identity?.IsAuthenticated != true) return;
            _watch = _check.Follow(StaffSessionClaims.From(current.User, _identity), SignOut);
        }
    }

    private void SignOut() => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watch?.Dispose();
            _watch = null;
        }
        AuthenticationStateChanged -= Follow;
    }
}
