using System.Net;

namespace LiveCall.Tests.Support.Circuits;

/// <summary>How a <see cref="HeadlessCircuit"/> connects and what it answers.</summary>
public sealed class HeadlessCircuitOptions
{
    /// <summary>The loopback address its TCP connections leave from (the app caps circuits per client address).</summary>
    public IPAddress From { get; init; } = IPAddress.Loopback;

    /// <summary>Texts looked for from the first render batch on (see <see cref="HeadlessCircuit.Watch"/>).</summary>
    public IReadOnlyList<string> Watch { get; init; } = [];

    /// <summary>Attributes looked for from the first render batch on (see <see cref="HeadlessCircuit.WatchAttribute"/>).</summary>
    public IReadOnlyList<(string Name, string Value)> WatchAttributes { get; init; } = [];

    /// <summary>
    /// The JSON result of JS calls that expect a value, by identifier (e.g. <c>"init"</c> → <c>"false"</c>); a call
    /// not listed gets <c>null</c>, a call for a JS object reference a new reference id, as blazor.web.js answers.
    /// </summary>
    public IReadOnlyDictionary<string, string> JsResults { get; init; } = new Dictionary<string, string>();

    /// <summary>How long opening may take: the page, the hub, the circuit's start and its first render batch.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
