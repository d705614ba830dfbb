using System.Security.Claims;
using LiveCall.App.Account;
using LiveCall.App.Infrastructure;
using LiveCall.Core;
using LiveCall.Core.Calls;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Call signaling at <see cref="Path"/>. The server decides who is in which call: staff by their login,
/// guests and customers by their access token (query <c>access_token</c>, bearer header or cookie
/// <see cref="TokenCookie"/>). Offers, answers and candidates go to one named participant of the
/// sender's own call; anything else is dropped, logged and answered with an error code. Who someone is, is asked again
/// at every <see cref="Join"/>: a staff user deactivated or moved since the connection opened, or a token that expired or
/// was replaced, no longer gets in; <see cref="StaffSeatCheck"/> takes such staff out of calls they already sit in.
/// </summary>
public sealed partial class SignalingHub(
    CallService calls,
    CallAccessTokens tokens,
    IceServerIssuer ice,
    CallRoster roster,
    StaffSessions sessions,
    LinkFailureLimiter failures,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SignalingOptions> options,
    TimeProvider time,
    ILogger<SignalingHub> logger) : Hub<ISignalingClient>
{
    public const string Path = "/hubs/call";
    public const string TokenCookie = "livecall.call";
    private const string CredentialKey = "livecall:credential";

    public override Task OnConnectedAsync()
    {
        if (Credential() is { } credential) Context.Items[CredentialKey] = credential;
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        roster.Disconnected(Context.ConnectionId, options.Value.ReconnectGrace);
        return Task.CompletedTask;
    }

    /// <summary>Enters the call (or takes the place back after a reconnect).</summary>
    public async Task<JoinResponse> Join(Guid callId)
    {
        if (await IdentifyAsync() is not { } who)
        {
            LogRefused(callId, "no valid sign-in or token");
            return new JoinResponse("not-allowed");
        }
        if (roster.ByConnection(Context.ConnectionId) is { } current && current.CallId != callId) return new JoinResponse("not-allowed");

        var outcome = await calls.JoinAsync(callId, who, Context.ConnectionAborted);
        if (outcome.Status != JoinStatus.Joined || outcome.Participant is not { } me)
        {
            LogRefused(callId, outcome.Status.ToString());
            return new JoinResponse(StatusCode(outcome.Status));
        }

        var session = who is CallIdentity.Staff staff ? new StaffSession(staff.Scope.UserId, StaffStamp())
            : me.UserId is { } sellerId ? new StaffSession(sellerId, null) : null;
        var seat = new Seat(callId, me.Id, me.DisplayName, me.Kind, Context.ConnectionId, Context) { Session = session };
        if (roster.Take(seat) is { } replaced)
        {
            await Clients.Client(replaced.ConnectionId).Error("replaced");
            replaced.Connection.Abort();
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(callId), Context.ConnectionAborted);
        await Clients.OthersInGroup(Group(callId)).ParticipantJoined(seat.ToInfo());
        LogJoined(callId, me.Id);

        var call = await calls.FindAsync(callId, Context.ConnectionAborted);
        var others = roster.InCall(callId).Where(s => s.ParticipantId != me.Id).Select(s => s.ToInfo()).ToList();
        return new JoinResponse("joined", me.Id, me.DisplayName, others, ice.For(me.Id, me.Kind), call?.ConnectedUtc);
    }

    /// <summary>Hangs up: leaves the call at once; the last one to leave ends it.</summary>
    public async Task Leave()
    {
        if (roster.Release(Context.ConnectionId) is not { } seat) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(seat.CallId));
        await calls.LeaveAsync(seat.CallId, seat.ParticipantId, CancellationToken.None);
        await Clients.Group(Group(seat.CallId)).ParticipantLeft(seat.ParticipantId);
    }

    public async Task SendDescription(Guid to, SessionDescription description)
    {
        if (!await CheckAsync(SignalingLimits.Check(description))) return;
        if (await RouteAsync(to) is { } route) await Clients.Client(route.To.ConnectionId).Description(route.From.ParticipantId, description);
    }

    public async Task SendCandidate(Guid to, IceCandidate candidate)
    {
        if (!await CheckAsync(SignalingLimits.Check(candidate))) return;
        if (await RouteAsync(to) is { } route) await Clients.Client(route.To.ConnectionId).Candidate(route.From.ParticipantId, candidate);
    }

    public async Task SendChat(string text)
    {
        if (!await CheckAsync(SignalingLimits.CheckChat(text))) return;
        if (await FromAsync() is not { } from) return;
        await Clients.OthersInGroup(Group(from.CallId)).Chat(new ChatMessage(from.ParticipantId, from.Name, text.Trim(), time.GetUtcNow()));
    }

    public async Task SetMediaState(MediaState? state)
    {
        if (state is null)
        {
            await CheckAsync(SignalingVerdict.Invalid);
            return;
        }
        if (await FromAsync() is not { } from) return;
        from.Media = state;
        await Clients.OthersInGroup(Group(from.CallId)).MediaStateChanged(from.ParticipantId, state);
    }

    internal static string Group(Guid callId) => "call:" + callId.ToString("N");

    private async Task<bool> CheckAsync(SignalingVerdict verdict)
    {
        switch (verdict)
        {
            case SignalingVerdict.Ok:
                return true;
            case SignalingVerdict.TooLarge:
                LogOversized(Context.ConnectionId);
                Context.Abort();
                return false;
            default:
                await Clients.Caller.Error("invalid-message");
                return false;
        }
    }

    private async Task<Seat?> FromAsync()
    {
        var from = roster.ByConnection(Context.ConnectionId);
        if (from is null) await Clients.Caller.Error("not-in-call");
        return from;
    }

    private async Task<(Seat From, Seat To)?> RouteAsync(Guid to)
    {
        if (await FromAsync() is not { } from) return null;
        var target = roster.ByParticipant(to);
        if (target is null || target.CallId != from.CallId || target.ParticipantId == from.ParticipantId)
        {
            LogDropped(from.CallId, from.ParticipantId, to);
            await Clients.Caller.Error("unknown-participant");
            return null;
        }
        return (from, target);
    }

    /// <summary>What the connection presented when it opened: a staff login, or a guest's, customer's or seller's access token.</summary>
    private object? Credential()
    {
        if (Context.User is { } user && StaffSessionClaims.From(user, identityOptions.Value) is { } session)
            return new StaffLogin(session, user.FindFirstValue(StaffClaims.DisplayName) ?? user.Identity?.Name ?? "Staff");
        var request = Context.GetHttpContext()?.Request;
        if (request is null) return null;
        var token = request.Query["access_token"].ToString();
        if (token.Length == 0 && request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)) token = header[7..];
        if (token.Length == 0) token = request.Cookies[TokenCookie] ?? "";
        return token.Length == 0 ? null : new AccessToken(token);
    }

    /// <summary>Who the credential stands for now: the staff user's scope as the database has it, the token's holder if it is still valid.</summary>
    private async Task<CallIdentity?> IdentifyAsync() => Presented() switch
    {
        StaffLogin login => await sessions.ScopeAsync(login.Session, Context.ConnectionAborted) is { } scope ? new CallIdentity.Staff(scope, login.DisplayName) : null,
        AccessToken token => await ValidateTokenAsync(token.Value),
        _ => null,
    };

    /// <summary>
    /// A token's holder, if it is valid. Wrong, expired and revoked tokens count against the address as wrong links do
    /// (<see cref="LinkFailureLimiter"/>): an address out of tries is refused before the database is asked.
    /// </summary>
    private async Task<CallIdentity?> ValidateTokenAsync(string token)
    {
        var address = Context.GetHttpContext() is { } http ? ClientAddress.KeyOf(http) : "unknown";
        if (!failures.MayTry(address)) return null;
        var holder = await tokens.ValidateAsync(token, Context.ConnectionAborted);
        if (holder is null) failures.CountFailure(address);
        return holder;
    }

    private string? StaffStamp() => Presented() is StaffLogin login ? login.Session.SecurityStamp : null;

    private object? Presented() => Context.Items.TryGetValue(CredentialKey, out var credential) ? credential : null;

    private sealed record StaffLogin(StaffSession Session, string DisplayName);

    private sealed record AccessToken(string Value);

    private static string StatusCode(JoinStatus status) => status switch
    {
        JoinStatus.NotFound => "not-found",
        JoinStatus.Ended => "ended",
        JoinStatus.Full => "full",
        JoinStatus.HandedOver => "handed-over",
        _ => "not-allowed",
    };

    [LoggerMessage(LogLevel.Information, "Participant {ParticipantId} joined call {CallId}")]
    private partial void LogJoined(Guid callId, Guid participantId);

    [LoggerMessage(LogLevel.Warning, "Join of call {CallId} refused: {Reason}")]
    private partial void LogRefused(Guid callId, string reason);

    [LoggerMessage(LogLevel.Warning, "Dropped a message in call {CallId} from {ParticipantId} to {TargetId}, who is not in that call")]
    private partial void LogDropped(Guid callId, Guid participantId, Guid targetId);

    [LoggerMessage(LogLevel.Warning, "Closed signaling connection {ConnectionId}: message too large")]
    private partial void LogOversized(string connectionId);
}
