using LiveCall.Core.Calls;

namespace LiveCall.App.Calls.Signaling;

// The hub's payloads. Field names are camelCase on the wire (SignalR's JSON protocol).

/// <summary>An RTCSessionDescription: type "offer" or "answer". <c>Fresh</c>: the sender replaced its RTCPeerConnection; start over.</summary>
public sealed record SessionDescription(string Type, string Sdp, bool Fresh = false);

/// <summary>An RTCIceCandidate; an empty <see cref="Candidate"/> marks the end of candidates.</summary>
public sealed record IceCandidate(string? Candidate, string? SdpMid, int? SdpMLineIndex, string? UsernameFragment);

public sealed record MediaState(bool Audio, bool Video, bool Screen);

public sealed record ParticipantInfo(Guid Id, string Name, string Kind, MediaState Media);

public sealed record ChatMessage(Guid From, string Name, string Text, DateTimeOffset Sent);

/// <summary>
/// The answer to Join. Status: "joined", "not-found", "not-allowed", "ended", "full".
/// When joined: who I am, who is already here, my ICE configuration and when the call connected.
/// </summary>
public sealed record JoinResponse(
    string Status,
    Guid? ParticipantId = null,
    string? Name = null,
    IReadOnlyList<ParticipantInfo>? Others = null,
    IceConfiguration? Ice = null,
    DateTime? ConnectedUtc = null,
    int MaxParticipants = CallService.MaxParticipants);
