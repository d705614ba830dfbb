using System.Text.Json.Serialization;
using LiveCall.Core.Calls;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// What the customer page's script reads (start, status, the live stream). State is one of
/// ringing, accepted, unanswered, cancelled, ended, closed, inactive, unknown, invalid.
/// </summary>
public sealed record CustomerCallView(string State)
{
    public Guid? CallId { get; init; }
    public int? Sellers { get; init; }
    public int? ElapsedSeconds { get; init; }
    public string? Name { get; init; }
    public DateTimeOffset? NextOpening { get; init; }
    public string? NextOpeningText { get; init; }
    public string? Message { get; init; }
    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    public static string StateOf(CallState state) => state switch
    {
        CallState.Ringing => "ringing",
        CallState.Waiting or CallState.Connected => "accepted",
        CallState.Unanswered => "unanswered",
        CallState.Cancelled => "cancelled",
        _ => "ended",
    };

    public static CustomerCallView Of(CustomerCall call, DateTime nowUtc) => new(StateOf(call.State))
    {
        CallId = call.CallId,
        Sellers = call.SellersRinging,
        ElapsedSeconds = (int)Math.Max(0, (nowUtc - call.CreatedUtc).TotalSeconds),
        Name = call.CustomerName.Length > 0 ? call.CustomerName : null,
    };

    [JsonIgnore]
    public bool IsFinal => State is not "ringing";
}
