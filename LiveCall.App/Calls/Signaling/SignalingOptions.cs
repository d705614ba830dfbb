using System.ComponentModel.DataAnnotations;

namespace LiveCall.App.Calls.Signaling;

/// <summary>Limits of the call signaling hub (section "Signaling").</summary>
public sealed class SignalingOptions
{
    /// <summary>The largest hub message accepted; an SDP of a 6-party call fits, 100 KB does not.</summary>
    [Range(16 * 1024, 96 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages a connection may send in a burst (trickle ICE to five peers is bursty)...</summary>
    [Range(10, 10_000)]
    public int BurstMessages { get; set; } = 200;

    /// <summary>...and sustained per second. Above that the connection is closed.</summary>
    [Range(1, 1_000)]
    public int MessagesPerSecond { get; set; } = 40;

    /// <summary>How long a dropped connection keeps its place in the call for a reconnect.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Browser origins besides the app's own that may open the hub (e.g. a dealer site embedding the customer page).</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
