using LiveCall.App.Localization;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using MudBlazor;

namespace LiveCall.App.Users;

public sealed partial class PresenceMenu : IAsyncDisposable
{
    private TenantScope? scope;
    private SellerStatus? status;
    private IAsyncDisposable? subscription;
    private CircuitCulture culture;
    private bool notRung;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive) return;
        culture = CircuitCulture.Capture();
        try
        {
            scope = await Current.ScopeAsync();
            if (!SellerAvailability.IsRung(scope.Role))
            {
                notRung = true;
                return;
            }
            var user = scope;
            // Subscribed before the first read: a change while it runs refreshes afterwards instead of being missed.
            subscription = Bus.Subscribe([LiveTopic.User(user.UserId)], Concerns, (_, cancellationToken) => InvokeAsync(() => RefreshAsync(user, cancellationToken)));
            status = await Availability.StatusOfAsync(scope.UserId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(Logger, e);
        }
    }

    /// <summary>
    /// On the user's own topic: another tab or device changed the duty, or a call this seller accepted, joined or left
    /// changed (busy or free again). A ring at the location, or a colleague's duty, never reaches this menu.
    /// </summary>
    private static bool Concerns(LiveEvent e) => e is PresenceChanged or CallChanged;

    /// <summary>On this circuit, one event after the other from the bus; a failure is logged by the bus.</summary>
    private async Task RefreshAsync(TenantScope user, CancellationToken cancellationToken)
    {
        culture.Apply();
        status = await Availability.StatusOfAsync(user.UserId, cancellationToken);
        StateHasChanged();
    }

    private async Task ChangeAsync(SellerStatus wanted)
    {
        if (scope is null) return;
        try
        {
            await (wanted switch
            {
                SellerStatus.Away => Duty.SetAwayAsync(scope.UserId, CancellationToken.None),
                SellerStatus.OffDuty => Duty.EndAsync(scope.UserId, CancellationToken.None),
                _ => Duty.SetAvailableAsync(scope.UserId, CancellationToken.None),
            });
            status = await Availability.StatusOfAsync(scope.UserId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(Logger, e);
        }
    }

    private string Label(SellerStatus s) => s switch
    {
        SellerStatus.Busy => T["Presence.Busy"].Value,
        SellerStatus.Away => T["Presence.Away"].Value,
        SellerStatus.OffDuty => T["Presence.OffDuty"].Value,
        _ => T["Presence.Available"].Value,
    };

    private string Hint(SellerStatus s) => s switch
    {
        SellerStatus.Busy => T["Presence.BusyHint"].Value,
        SellerStatus.Away => T["Presence.AwayHint"].Value,
        SellerStatus.OffDuty => T["Presence.OffDutyHint"].Value,
        _ => T["Presence.AvailableHint"].Value,
    };

    private string ShortLabel(SellerStatus s) => s == SellerStatus.Busy ? T["Presence.BusyShort"].Value : Label(s);

    private static Color ColorOf(SellerStatus s) => s switch
    {
        SellerStatus.Busy => Color.Warning,
        // Away and off duty get their colours from app.css (.lc-presence[data-status]): readable on the blue app bar.
        SellerStatus.Away or SellerStatus.OffDuty => Color.Default,
        _ => Color.Success,
    };

    public ValueTask DisposeAsync() => subscription?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "The seller's availability could not be shown or changed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
