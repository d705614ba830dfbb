namespace LiveCall.App.Calls.Signaling;

/// <summary>What the server calls on a call client (the handlers wwwroot/js/call/call-client.js registers with connection.on).</summary>
public interface ISignalingClient
{
    Task ParticipantJoined(ParticipantInfo participant);
    Task ParticipantLeft(Guid participantId);
    Task Description(Guid from, SessionDescription description);
    Task Candidate(Guid from, IceCandidate candidate);
    Task Chat(ChatMessage message);
    Task MediaStateChanged(Guid participantId, MediaState state);
    /// <summary>A clear, machine-readable refusal: "not-in-call", "unknown-participant", "invalid-message", "replaced".</summary>
    Task Error(string code);
}
