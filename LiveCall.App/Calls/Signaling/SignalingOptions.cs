using LiveCall.Core;
using System.ComponentModel.DataAnnotations;

namespace LiveCall.App.Calls.Signaling;

/// <summary>Limits of the call signaling hub (section "Signaling").</summary>
public sealed class SignalingOptions : IValidatableObject
{
    public const string Section = "Signaling";

    /// <summary>The largest hub message accepted; an SDP of a 6-party call fits, 100 KB does not.</summary>
    [Range(16 * 1024, 96 * 1024, ErrorMessage = "Signaling:MaxMessageBytes must be between 16384 and 98304.")]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages a connection may send in a burst (trickle ICE to five peers is bursty)...</summary>
    [Range(10, 10_000, ErrorMessage = "Signaling:BurstMessages must be between 10 and 10000.")]
    public int BurstMessages { get; set; } = 200;

    /// <summary>...and sustained per second. Above that the connection is closed.</summary>
    [Range(1, 1_000, ErrorMessage = "Signaling:MessagesPerSecond must be between 1 and 1000.")]
    public int MessagesPerSecond { get; set; } = 40;

    /// <summary>How long a dropped connection keeps its place in the call for a reconnect.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often an instance reports the seats it holds to the shared database.</summary>
    public TimeSpan SeatHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A participant no instance has reported for this long leaves the call (their server crashed or restarted and they
    /// did not come back), so a seller is not "busy" forever.
    /// </summary>
    public TimeSpan SeatStaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often staff seats are checked against their accounts: a deactivated or moved seller is out of a call within
    /// this time (and refused at once at their next join).
    /// </summary>
    public TimeSpan StaffRecheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Browser origins besides the app's own that may open the hub (e.g. a dealer site embedding the customer page).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReconnectGrace <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(ReconnectGrace), "must be positive.");
        if (SeatHeartbeatInterval <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(SeatHeartbeatInterval), "must be positive.");
        if (StaffRecheckInterval < TimeSpan.FromSeconds(1) || StaffRecheckInterval > TimeSpan.FromMinutes(5))
            yield return ValidatedOptions.Error(Section, nameof(StaffRecheckInterval), "must be between 00:00:01 and 00:05:00.");
        if (SeatStaleAfter <= SeatHeartbeatInterval * 2)
            yield return ValidatedOptions.Error(Section, nameof(SeatStaleAfter), "must be more than twice Signaling:SeatHeartbeatInterval.");
        foreach (var origin in AllowedOrigins.Where(o => !ValidatedOptions.IsHttpUrl(o)))
            yield return ValidatedOptions.Error(Section, nameof(AllowedOrigins), $"entry '{origin}' must be an http(s) origin.");
    }
}
