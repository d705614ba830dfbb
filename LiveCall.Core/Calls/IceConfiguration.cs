namespace LiveCall.Core.Calls;

/// <summary>One RTCIceServer as the browser expects it.</summary>
public sealed record IceServer(IReadOnlyList<string> Urls, string? Username = null, string? Credential = null);

/// <summary>What a participant's RTCPeerConnection is configured with; <see cref="TransportPolicy"/> is "all" or "relay".</summary>
public sealed record IceConfiguration(IReadOnlyList<IceServer> Servers, string TransportPolicy);
