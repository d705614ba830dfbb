using System.ComponentModel.DataAnnotations;
using LiveCall.Core;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// How many long-lived connections (Blazor circuits at /_blazor, call signaling at /hubs/call) one user and one client
/// address (IPv4 address, IPv6 /64) may hold, and the circuit and hub settings, each chosen on purpose (section "Connections").
/// </summary>
public sealed class ConnectionOptions : IValidatableObject
{
    public const string Section = "Connections";

    /// <summary>Open circuits (browser tabs of the app) per signed-in user: a seller with a dozen tabs is plenty.</summary>
    public int CircuitsPerUser { get; set; } = 20;

    /// <summary>Open circuits per client address: a dealer's office behind one NAT, each seller with a few tabs.</summary>
    public int CircuitsPerAddress { get; set; } = 200;

    /// <summary>Signaling connections per signed-in user (one per call tab).</summary>
    public int HubConnectionsPerUser { get; set; } = 10;

    /// <summary>Signaling connections per client address (an office's sellers and their customers' test calls).</summary>
    public int HubConnectionsPerAddress { get; set; } = 200;

    /// <summary>Disconnected circuits kept for a reconnect (the framework's default is 100); beyond that the oldest go.</summary>
    public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    /// <summary>How long a disconnected circuit waits for its tab (a phone switching networks); the default 3 minutes holds memory long.</summary>
    public TimeSpan DisconnectedCircuitRetentionPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Render batches a slow client may leave unacknowledged before the server stops rendering for it (framework default 10).</summary>
    public int MaxBufferedUnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>How long a JS call from the server may take (the camera check and clipboard answer in well under this).</summary>
    public TimeSpan JSInteropDefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest message a circuit's client may send (form fields and JS results; the framework default is 32 KB).</summary>
    public int CircuitMaxReceiveMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Hub calls one client may have running at once (the framework default, 1: a client cannot queue work in parallel).</summary>
    public int MaximumParallelInvocationsPerClient { get; set; } = 1;

    /// <summary>A client silent for this long is dropped (twice the keep-alive, as the framework recommends).</summary>
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the open circuits' sessions are checked (one query for all): a deactivated user's dashboard closes within this.</summary>
    public TimeSpan SessionRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the server pings an idle connection, so proxies keep it open and dead ones are noticed.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(CircuitsPerUser), CircuitsPerUser), (nameof(CircuitsPerAddress), CircuitsPerAddress),
            (nameof(HubConnectionsPerUser), HubConnectionsPerUser), (nameof(HubConnectionsPerAddress), HubConnectionsPerAddress),
            (nameof(DisconnectedCircuitMaxRetained), DisconnectedCircuitMaxRetained),
            (nameof(MaxBufferedUnacknowledgedRenderBatches), MaxBufferedUnacknowledgedRenderBatches),
            (nameof(MaximumParallelInvocationsPerClient), MaximumParallelInvocationsPerClient),
        }.Where(s => s.Item2 < 1))
            yield return ValidatedOptions.Error(Section, name, "must be at least 1.");
        if (CircuitMaxReceiveMessageBytes is < 16 * 1024 or > 1024 * 1024)
            yield return ValidatedOptions.Error(Section, nameof(CircuitMaxReceiveMessageBytes), "must be between 16384 and 1048576.");
        foreach (var (name, value) in new[]
        {
            (nameof(DisconnectedCircuitRetentionPeriod), DisconnectedCircuitRetentionPeriod),
            (nameof(JSInteropDefaultCallTimeout), JSInteropDefaultCallTimeout), (nameof(KeepAliveInterval), KeepAliveInterval),
            (nameof(SessionRecheckInterval), SessionRecheckInterval),
        }.Where(s => s.Item2 <= TimeSpan.Zero))
            yield return ValidatedOptions.Error(Section, name, "must be positive.");
        if (ClientTimeoutInterval <= KeepAliveInterval)
            yield return ValidatedOptions.Error(Section, nameof(ClientTimeoutInterval), "must be longer than Connections:KeepAliveInterval.");
    }
}
