using LiveCall.Core.Calls;
using MudBlazor;

namespace LiveCall.App.Statistics;

public static class CallStateColor
{
    public static Color Of(CallState state) => state switch
    {
        CallState.Ended or CallState.Connected => Color.Success,
        CallState.Unanswered => Color.Error,
        CallState.Ringing or CallState.Waiting => Color.Info,
        _ => Color.Default,
    };
}
