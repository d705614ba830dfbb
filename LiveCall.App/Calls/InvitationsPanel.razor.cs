namespace LiveCall.App.Calls;

public sealed partial class InvitationsPanel
{
    [LoggerMessage(LogLevel.Warning, "Refreshing the invitations of a call failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
