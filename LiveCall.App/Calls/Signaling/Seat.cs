using LiveCall.Core.Calls;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.SignalR;

namespace LiveCall.App.Calls.Signaling;

/// <summary>A participant's place in a live call, held by one SignalR connection at a time.</summary>
public sealed record Seat(Guid CallId, Guid ParticipantId, string Name, ParticipantKind Kind, string ConnectionId, HubCallerContext Connection)
{
    public MediaState Media { get; set; } = new(Audio: true, Video: true, Screen: false);

    /// <summary>The staff session behind a seller's or admin's seat (by login or by accept link); null for guests and customers.</summary>
    public StaffSession? Session { get; init; }

    public ParticipantInfo ToInfo() => new(ParticipantId, Name, Kind.ToString().ToLowerInvariant(), Media);
}
