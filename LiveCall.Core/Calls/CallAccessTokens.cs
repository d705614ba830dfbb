using System.Security.Cryptography;
using System.Text;
using LiveCall.Core.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Calls;

/// <summary>
/// Per-participant access tokens for guests and customers: 256 random bits, only their SHA-256 is
/// stored, valid until an expiry. A token admits exactly one participant to exactly one call.
/// </summary>
public sealed class CallAccessTokens(IDbContextFactory<LiveCallDbContext> dbFactory, CallService calls, TimeProvider time)
{
    private const int MaxTokenLength = 100;

    /// <summary>Adds a guest or customer to the call and mints their token.</summary>
    public async Task<CallInvitation> InviteAsync(Guid callId, ParticipantKind kind, string displayName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var participant = await calls.AddParticipantAsync(callId, kind, displayName, cancellationToken);
        return await MintAsync(callId, participant.Id, lifetime, cancellationToken);
    }

    /// <summary>Mints a new token for an existing guest or customer; a token minted before stops working.</summary>
    public async Task<CallInvitation> MintAsync(Guid callId, Guid participantId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime));
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow().UtcDateTime + lifetime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await db.CallParticipants.SingleOrDefaultAsync(p => p.Id == participantId && p.CallId == callId, cancellationToken)
            ?? throw new InvalidOperationException($"Participant {participantId} is not in call {callId}.");
        if (participant.Kind == ParticipantKind.Staff) throw new InvalidOperationException("Staff join by login, not by token.");
        participant.GrantAccess(Hash(token), expires);
        await db.SaveChangesAsync(cancellationToken);
        return new CallInvitation(callId, participantId, token, expires);
    }

    /// <summary>
    /// Lets a seller who accepted an incoming call by an accept link join that one call from a device where they are not
    /// logged in. The participant is the seller's own staff participant (kept with the user id, for statistics and for a
    /// later join by login); the token admits to this call only.
    /// </summary>
    public async Task<CallInvitation> MintForSellerAsync(Guid callId, string userId, string displayName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime));
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow().UtcDateTime + lifetime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Calls.AnyAsync(c => c.Id == callId, cancellationToken)) throw new InvalidOperationException($"Call {callId} does not exist.");
        var participant = await db.CallParticipants.FirstOrDefaultAsync(p => p.CallId == callId && p.UserId == userId && p.Kind == ParticipantKind.Staff, cancellationToken);
        if (participant is null)
        {
            participant = new CallParticipant(callId, ParticipantKind.Staff, displayName.Length <= 120 ? displayName : displayName[..120], userId);
            db.CallParticipants.Add(participant);
        }
        participant.GrantAccess(Hash(token), expires);
        await db.SaveChangesAsync(cancellationToken);
        return new CallInvitation(callId, participant.Id, token, expires);
    }

    /// <summary>
    /// Gives a participant that is about to be saved (with its call, in the caller's transaction) a new token; returns the
    /// token, which is never stored. Saves one round trip where a customer's call must ring fast.
    /// </summary>
    public string GrantNew(CallParticipant participant, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime));
        if (participant.Kind == ParticipantKind.Staff) throw new InvalidOperationException("Staff join by login or an accept link.");
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        participant.GrantAccess(Hash(token), time.GetUtcNow().UtcDateTime + lifetime);
        return token;
    }

    /// <summary>Who holds <paramref name="token"/>, or null when it is unknown, malformed or expired.</summary>
    public async Task<CallIdentity.TokenHolder?> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        var hash = Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await db.CallParticipants.AsNoTracking().SingleOrDefaultAsync(p => p.AccessTokenHash == hash, cancellationToken);
        if (participant is null || participant.AccessTokenExpiresUtc is not { } expires || expires <= now) return null;
        // A seller's accept-link token is as good as the seller's account: a deactivated seller's token admits no one.
        if (participant.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken)) return null;
        return new CallIdentity.TokenHolder(participant.CallId, participant.Id, participant.Kind, participant.DisplayName);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
