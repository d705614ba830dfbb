using System.Text.Json.Serialization;
using LiveCall.Core.Calls;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// What the customer page's script reads (start, status, the live stream). State is one of ringing, handover (ringing
/// again: the seller who accepted did not join), accepted (with <see cref="Connected"/> once a seller is in the call),
/// unanswered, cancelled, ended, closed, inactive, unknown, invalid, refused (this customer's call rings already: see Message).
/// </summary>
public sealed record CustomerCallView(string State)
{
    public Guid? CallId { get; init; }
    public int? Sellers { get; init; }
    public int? ElapsedSeconds { get; init; }
    public string? Name { get; init; }
    /// <summary>For "accepted": the seller is in the call with the customer (nothing more can be handed over).</summary>
    public bool? Connected { get; init; }
    /// <summary>The contact the customer left, for the callback form after a missed call (only on their own page).</summary>
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset? NextOpening { get; init; }
    public string? NextOpeningText { get; init; }
    public string? Message { get; init; }
    public IReadOnlyDictionary<string, string>? Errors { get; init; }

    public static string StateOf(CustomerCall call) => call.State switch
    {
        CallState.Ringing when call.HandingOver => "handover",
        CallState.Ringing => "ringing",
        CallState.Waiting or CallState.Connected => "accepted",
        CallState.Unanswered => "unanswered",
        CallState.Cancelled => "cancelled",
        _ => "ended",
    };

    public static CustomerCallView Of(CustomerCall call, DateTime nowUtc) => new(StateOf(call))
    {
        CallId = call.CallId,
        Sellers = call.SellersRinging,
        ElapsedSeconds = (int)Math.Max(0, (nowUtc - call.CreatedUtc).TotalSeconds),
        Name = call.CustomerName.Length > 0 ? call.CustomerName : null,
        Connected = call.State == CallState.Connected ? true : null,
    };

    /// <summary>Nothing more to tell: the call is over, or the customer and a seller are in it. A seller on the way may still not come.</summary>
    [JsonIgnore]
    public bool IsFinal => State is not ("ringing" or "handover") && !(State == "accepted" && Connected != true);
}
