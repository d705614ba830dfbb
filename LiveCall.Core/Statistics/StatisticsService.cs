using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Statistics;

/// <summary>The dashboard's figures and the admins' 48-hour call statistics, always inside the viewer's scope.</summary>
public sealed class StatisticsService(IDbContextFactory<LiveCallDbContext> dbFactory, PresenceService presence, TimeProvider time)
{
    public const int ChartHours = 48;

    public async Task<DashboardFigures> GetFiguresAsync(TenantScope scope, StatisticsFilter filter, CancellationToken cancellationToken) =>
        (await GetFiguresAndZoneAsync(scope, filter, cancellationToken)).Figures;

    /// <summary>The figures and the zone to show times in (<see cref="DisplayZoneAsync"/>), from one read of the locations in scope.</summary>
    public async Task<(DashboardFigures Figures, TimeZoneInfo Zone)> GetFiguresAndZoneAsync(TenantScope scope, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var locations = await Locations(db, scope, filter).OrderBy(l => l.Name).Select(l => new { l.Id, l.TimeZoneId }).ToListAsync(cancellationToken);
        var zone = locations.Count == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(locations[0].TimeZoneId);
        var dayStarts = locations.ToDictionary(l => l.Id, l => LocalDay.StartUtc(now, TimeZoneInfo.FindSystemTimeZoneById(l.TimeZoneId)));
        var activeUsers = await presence.CountActiveUsersAsync(scope, filter.DealerId, filter.LocationId, cancellationToken);
        if (dayStarts.Count == 0) return (new DashboardFigures(activeUsers, 0, null, null, null), zone);

        // A call that ends today may have started yesterday; none lasts a day.
        var earliest = dayStarts.Values.Min().AddDays(-1);
        var rows = await Calls(db, scope, filter).Where(c => c.CreatedUtc >= earliest)
            .Select(c => new { c.LocationId, c.Kind, c.State, c.CreatedUtc, c.AcceptedUtc, c.ConnectedUtc, c.EndedUtc })
            .ToListAsync(cancellationToken);

        var incomingToday = rows.Where(c => c.Kind == CallKind.Incoming && dayStarts.TryGetValue(c.LocationId, out var s) && c.CreatedUtc >= s).ToList();
        var durations = rows.Where(c => c.ConnectedUtc is not null && c.EndedUtc is { } e && dayStarts.TryGetValue(c.LocationId, out var s) && e >= s)
            .Select(c => c.EndedUtc!.Value - c.ConnectedUtc!.Value).ToList();
        var decided = incomingToday.Where(c => c.State != CallState.Ringing).ToList();
        var answerTimes = incomingToday.Where(c => c.AcceptedUtc is not null).Select(c => c.AcceptedUtc!.Value - c.CreatedUtc).ToList();

        return (new DashboardFigures(
            activeUsers,
            incomingToday.Count,
            Average(durations),
            decided.Count == 0 ? null : (double)decided.Count(c => c.AcceptedUtc is not null) / decided.Count,
            Average(answerTimes)), zone);
    }

    /// <summary>Incoming, accepted and unanswered calls per hour over the last 48 hours (oldest first, 48 entries).</summary>
    public async Task<IReadOnlyList<HourlyCalls>> GetHourlyAsync(TenantScope scope, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var currentHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var start = currentHour.AddHours(-(ChartHours - 1));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Calls(db, scope, filter).Where(c => c.Kind == CallKind.Incoming && c.CreatedUtc >= start)
            .Select(c => new { c.CreatedUtc, c.AcceptedUtc, c.State })
            .ToListAsync(cancellationToken);
        var byHour = rows.GroupBy(c => (int)(c.CreatedUtc - start).TotalHours).ToDictionary(g => g.Key);
        return Enumerable.Range(0, ChartHours).Select(h =>
        {
            var calls = byHour.TryGetValue(h, out var g) ? g.ToList() : [];
            return new HourlyCalls(start.AddHours(h), calls.Count, calls.Count(c => c.AcceptedUtc is not null),
                calls.Count(c => c.AcceptedUtc is null && c.State is CallState.Unanswered or CallState.Cancelled));
        }).ToList();
    }

    /// <summary>The time zone to label the chart and list in: the one location's, or the first in scope, else UTC.</summary>
    public async Task<TimeZoneInfo> DisplayZoneAsync(TenantScope scope, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await Locations(db, scope, filter).OrderBy(l => l.Name).Select(l => l.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return id is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    public async Task<Admin.Page<CallRow>> ListCallsAsync(TenantScope scope, CallQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calls = Filtered(db, scope, query);
        var total = await calls.CountAsync(cancellationToken);
        var items = await Project(db, calls.OrderByDescending(c => c.CreatedUtc).Skip(Math.Max(0, page) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return new Admin.Page<CallRow>(items.Select(ToRow).ToList(), total);
    }

    /// <summary>The newest calls of the list (a dashboard's "latest calls"), without counting the whole list.</summary>
    public async Task<IReadOnlyList<CallRow>> ListRecentAsync(TenantScope scope, CallQuery query, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await Project(db, Filtered(db, scope, query).OrderByDescending(c => c.CreatedUtc).Take(count)).ToListAsync(cancellationToken);
        return items.Select(ToRow).ToList();
    }

    /// <summary>Streams the filtered list as CSV rows (newest first), at most <paramref name="limit"/> of them.</summary>
    public async IAsyncEnumerable<CallRow> ExportAsync(TenantScope scope, CallQuery query, int limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Project(db, Filtered(db, scope, query).OrderByDescending(c => c.CreatedUtc).Take(limit)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return ToRow(row);
    }

    private sealed record RawRow(Guid Id, CallKind Kind, CallState State, string DealerName, string LocationName, string? SellerName,
        DateTime CreatedUtc, DateTime? AcceptedUtc, DateTime? ConnectedUtc, DateTime? EndedUtc, int Participants);

    private static CallRow ToRow(RawRow r) => new(r.Id, r.Kind, r.State, r.DealerName, r.LocationName, r.SellerName, r.CreatedUtc, r.AcceptedUtc,
        r.ConnectedUtc is { } c && r.EndedUtc is { } e ? e - c : null, r.Participants);

    private static IQueryable<RawRow> Project(LiveCallDbContext db, IQueryable<Call> calls) => calls.Select(c => new RawRow(
        c.Id, c.Kind, c.State,
        db.Dealers.Where(d => d.Id == c.DealerId).Select(d => d.Name).FirstOrDefault() ?? "",
        db.Locations.Where(l => l.Id == c.LocationId).Select(l => l.Name).FirstOrDefault() ?? "",
        db.Users.Where(u => u.Id == (c.AcceptedByUserId ?? c.Participants.Where(p => p.UserId != null).Select(p => p.UserId).FirstOrDefault()))
            .Select(u => u.DisplayName).FirstOrDefault(),
        c.CreatedUtc, c.AcceptedUtc, c.ConnectedUtc, c.EndedUtc, c.Participants.Count));

    private static IQueryable<Call> Filtered(LiveCallDbContext db, TenantScope scope, CallQuery q)
    {
        var calls = Calls(db, scope, new StatisticsFilter(q.DealerId, q.LocationId));
        if (q.FromUtc is { } from) calls = calls.Where(c => c.CreatedUtc >= from);
        if (q.ToUtc is { } to) calls = calls.Where(c => c.CreatedUtc < to);
        if (q.State is { } state) calls = calls.Where(c => c.State == state);
        if (q.Kind is { } kind) calls = calls.Where(c => c.Kind == kind);
        if (q.SellerId is { } seller) calls = calls.Where(c => c.AcceptedByUserId == seller || c.Participants.Any(p => p.UserId == seller));
        return calls;
    }

    private static IQueryable<Call> Calls(LiveCallDbContext db, TenantScope scope, StatisticsFilter filter)
    {
        var calls = db.Calls.AsNoTracking().VisibleTo(scope);
        if (filter.DealerId is { } d) calls = calls.Where(c => c.DealerId == d);
        if (filter.LocationId is { } l) calls = calls.Where(c => c.LocationId == l);
        return calls;
    }

    private static IQueryable<Location> Locations(LiveCallDbContext db, TenantScope scope, StatisticsFilter filter)
    {
        var locations = db.Locations.AsNoTracking().VisibleTo(scope);
        if (filter.DealerId is { } d) locations = locations.Where(l => l.DealerId == d);
        if (filter.LocationId is { } l) locations = locations.Where(x => x.Id == l);
        return locations;
    }

    private static TimeSpan? Average(IReadOnlyCollection<TimeSpan> spans) =>
        spans.Count == 0 ? null : TimeSpan.FromTicks((long)spans.Average(s => s.Ticks));
}
