using System.Security.Cryptography;
using System.Text;
using LiveCall.Core.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>Who an accept link belongs to: one seller and one call; <see cref="Accepts"/> while the ring time lasts.</summary>
public sealed record AcceptLinkHolder(Guid LinkId, Guid CallId, string UserId, bool Accepts);

/// <summary>
/// Accept links of ringing calls: 256 random bits, only the SHA-256 stored, bound to (call, seller), accepting until
/// the ring ends and usable once. For <see cref="DutyWindow"/> after it was sent, an unused link still serves its
/// seller's duty ("I'm away for today", "I'm available"). Looking a link up never uses it (mail scanners fetch
/// links); redeeming does.
/// </summary>
public sealed class RingAcceptLinks(IDbContextFactory<LiveCallDbContext> dbFactory, TimeProvider time)
{
    private const int MaxTokenLength = 100;

    /// <summary>How long after the ring a seller can still say "I'm away for today" or "I'm available" with its link.</summary>
    public static readonly TimeSpan DutyWindow = TimeSpan.FromHours(12);

    public async Task<string> MintAsync(Guid callId, string userId, DateTime expiresUtc, CancellationToken cancellationToken) =>
        (await MintAsync(callId, [userId], expiresUtc, cancellationToken))[userId];

    /// <summary>One link per user, inserted together: a ring of a thousand sellers is one command, not a thousand.</summary>
    public async Task<IReadOnlyDictionary<string, string>> MintAsync(Guid callId, IReadOnlyCollection<string> userIds, DateTime expiresUtc, CancellationToken cancellationToken)
    {
        var tokens = userIds.Distinct().ToDictionary(id => id, _ => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Now();
        await db.InsertAsync(tokens.Select(t => new RingAcceptLink(Hash(t.Value), callId, t.Key, now, expiresUtc)).ToList(), cancellationToken);
        return tokens;
    }

    /// <summary>
    /// The holder of an unused link that still accepts or is inside its duty window, without using it; null for anything
    /// else (wrong, used, or older than the duty window).
    /// </summary>
    public async Task<AcceptLinkHolder?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token)) return null;
        var hash = Hash(token!);
        var now = Now();
        var dutySince = now - DutyWindow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<RingAcceptLink>().AsNoTracking()
            .Where(l => l.TokenHash == hash && l.UsedUtc == null && (l.ExpiresUtc > now || l.CreatedUtc > dutySince))
            .Select(l => new AcceptLinkHolder(l.Id, l.CallId, l.UserId, l.ExpiresUtc > now))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Uses the link to accept (a conditional update, so two clicks at once cannot both succeed); null when it was not
    /// usable, or its ring time is over.
    /// </summary>
    public async Task<AcceptLinkHolder?> RedeemAsync(string? token, CancellationToken cancellationToken)
    {
        var holder = await FindAsync(token, cancellationToken);
        if (holder is not { Accepts: true }) return null;
        var now = Now();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var used = await db.Set<RingAcceptLink>().Where(l => l.Id == holder.LinkId && l.UsedUtc == null && l.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedUtc, now), cancellationToken);
        return used == 1 ? holder : null;
    }

    private static bool IsWellFormed(string? token) => !string.IsNullOrEmpty(token) && token.Length <= MaxTokenLength;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
