using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Users;

/// <summary>
/// A staff user's signed-in session as the server saw it when it began: the user and the security stamp of their login
/// (null for a seller who came in by an accept link, whose session has no stamp).
/// </summary>
public sealed record StaffSession(string UserId, string? SecurityStamp);

/// <summary>
/// Whether a staff session still holds: the user exists, is active and, where the session has a stamp, has the same
/// security stamp (an admin changing role, location, dealer or email, or a password change, renews it). One rule for
/// open dashboards, the signaling hub and accept-link seats.
/// </summary>
public sealed class StaffSessions(IDbContextFactory<LiveCallDbContext> dbFactory)
{
    /// <summary>The session's current scope, read from the database; null when the session has ended.</summary>
    public async Task<TenantScope?> ScopeAsync(StaffSession session, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == session.UserId, cancellationToken);
        return user is not null && Holds(session, user.IsActive, user.SecurityStamp) ? TenantScope.For(user) : null;
    }

    /// <summary>Those of <paramref name="sessions"/> that have ended, in one query whatever their number.</summary>
    public async Task<IReadOnlyList<StaffSession>> EndedAsync(IReadOnlyCollection<StaffSession> sessions, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0) return [];
        var ids = sessions.Select(s => s.UserId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.IsActive, u.SecurityStamp })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        return sessions.Where(s => !users.TryGetValue(s.UserId, out var u) || !Holds(s, u.IsActive, u.SecurityStamp)).ToList();
    }

    private static bool Holds(StaffSession session, bool isActive, string? stamp) =>
        isActive && (session.SecurityStamp is null || session.SecurityStamp == stamp);
}
