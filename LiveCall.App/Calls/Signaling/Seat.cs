using LiveCall.Core.Calls;
using Microsoft.AspNetCore.SignalR;

namespace LiveCall.App.Calls.Signaling;

/// <summary>A participant's place in a live call, held by one SignalR connection at a time.</summary>
public sealed record Seat(Guid CallId, Guid ParticipantId, string Name, ParticipantKind Kind, string ConnectionId, HubCallerContext Connection)
{
    public MediaState Media { get; set; } = new(Audio: true, Video: true, Screen: false);

    public ParticipantInfo ToInfo() => new(ParticipantId, Name, Kind.ToString().ToLowerInvariant(), Media);
}
