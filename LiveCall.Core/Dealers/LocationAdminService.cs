using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Dealers;

/// <param name="IsActive">"Takes video calls": a deactivated location's customer page says so and nothing rings.</param>
/// <param name="SmsDelaySeconds">Escalation delays after ring start (0 = at once), see <see cref="Location.SmsDelay"/>.</param>
/// <param name="ShiftHours">A seller's duty ends this long after the last sign of them, see <see cref="Location.ShiftLength"/>.</param>
/// <param name="AcceptDeadlineSeconds">The seller who accepted must join within this, see <see cref="Location.AcceptDeadline"/>.</param>
public sealed record LocationInput(Guid DealerId, string Name, string Slug, string Country, string TimeZoneId, OpeningHours OpeningHours, int RingTimeoutSeconds,
    bool IsActive = true, int SmsDelaySeconds = 0, int EmailDelaySeconds = 0, int ShiftHours = 10, int AcceptDeadlineSeconds = 30);

public sealed record LocationRow(Guid Id, Guid DealerId, string DealerName, string Name, string Slug, string Country, string TimeZoneId, int RingTimeoutSeconds);

/// <summary>Locations: dealer admins manage their dealer's; a location admin edits only their own.</summary>
public sealed class LocationAdminService(IDbContextFactory<LiveCallDbContext> dbFactory)
{
    public const int MinRingTimeoutSeconds = 15;
    public const int MaxRingTimeoutSeconds = 300;
    public const int MaxEscalationDelaySeconds = 600;
    public const int MinShiftHours = 1;
    public const int MaxShiftHours = 24;
    public const int MinAcceptDeadlineSeconds = 10;
    public const int MaxAcceptDeadlineSeconds = 180;

    public async Task<Page<LocationRow>> ListAsync(TenantScope scope, Guid? dealerId, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Locations.VisibleTo(scope);
        if (dealerId is { } d) query = query.Where(l => l.DealerId == d);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            query = query.Where(l => l.Name.ToLower().Contains(s) || l.Slug.Contains(s) || l.Dealer!.Name.ToLower().Contains(s));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(l => l.Dealer!.Name).ThenBy(l => l.Name).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(l => new { l.Id, l.DealerId, DealerName = l.Dealer!.Name, l.Name, l.Slug, l.Country, l.TimeZoneId, l.RingTimeout })
            .ToListAsync(cancellationToken);
        return new Page<LocationRow>(rows.Select(l => new LocationRow(l.Id, l.DealerId, l.DealerName, l.Name, l.Slug, l.Country, l.TimeZoneId, (int)l.RingTimeout.TotalSeconds)).ToList(), total);
    }

    /// <summary>Locations the user may pick (e.g. for a user's location), with their dealer.</summary>
    public async Task<IReadOnlyList<LocationRow>> ChoicesAsync(TenantScope scope, CancellationToken cancellationToken) =>
        (await ListAsync(scope, null, null, 0, 1000, cancellationToken)).Items;

    public async Task<Location?> GetAsync(TenantScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Locations.VisibleTo(scope).Include(l => l.Dealer).AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
    }

    public async Task<AdminResult<Location>> CreateAsync(TenantScope scope, LocationInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (scope.Role < StaffRole.DealerAdmin || !await db.Dealers.VisibleTo(scope).AnyAsync(d => d.Id == input.DealerId, cancellationToken))
            return AdminResult<Location>.NotFound();
        var errors = await ValidateAsync(db, input, null, cancellationToken);
        if (errors.Count > 0) return AdminResult<Location>.Invalid(errors);
        var location = new Location(input.DealerId, input.Name, input.Slug, input.Country, input.TimeZoneId, input.OpeningHours);
        location.Update(input.Name, input.Slug, input.Country, input.TimeZoneId, input.OpeningHours, TimeSpan.FromSeconds(input.RingTimeoutSeconds));
        Apply(location, input);
        db.Locations.Add(location);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<Location>.Ok(location);
    }

    public async Task<AdminResult<Location>> UpdateAsync(TenantScope scope, Guid id, LocationInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var location = await db.Locations.VisibleTo(scope).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (location is null || !scope.CanManageLocation(location.DealerId, location.Id)) return AdminResult<Location>.NotFound();
        input = input with { DealerId = location.DealerId }; // a location never moves to another dealer
        var errors = await ValidateAsync(db, input, id, cancellationToken);
        if (errors.Count > 0) return AdminResult<Location>.Invalid(errors);
        location.Update(input.Name, input.Slug, input.Country, input.TimeZoneId, input.OpeningHours, TimeSpan.FromSeconds(input.RingTimeoutSeconds));
        Apply(location, input);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<Location>.Ok(location);
    }

    private static void Apply(Location location, LocationInput input)
    {
        location.IsActive = input.IsActive;
        location.SetEscalationDelays(TimeSpan.FromSeconds(input.SmsDelaySeconds), TimeSpan.FromSeconds(input.EmailDelaySeconds));
        location.SetDutyRules(TimeSpan.FromHours(input.ShiftHours), TimeSpan.FromSeconds(input.AcceptDeadlineSeconds));
    }

    private static async Task<Dictionary<string, string>> ValidateAsync(LiveCallDbContext db, LocationInput input, Guid? id, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        Validate.Required(errors, nameof(LocationInput.Name), input.Name, 120);
        var slug = input.Slug?.Trim().ToLowerInvariant();
        if (!Validate.IsSlug(slug)) errors[nameof(LocationInput.Slug)] = ErrorKeys.SlugInvalid;
        else if (await db.Locations.AnyAsync(l => l.DealerId == input.DealerId && l.Slug == slug && l.Id != id, cancellationToken))
            errors[nameof(LocationInput.Slug)] = ErrorKeys.SlugTaken;
        if (!Validate.IsCountry(input.Country?.Trim())) errors[nameof(LocationInput.Country)] = ErrorKeys.CountryInvalid;
        if (!Validate.IsTimeZone(input.TimeZoneId)) errors[nameof(LocationInput.TimeZoneId)] = ErrorKeys.TimeZoneUnknown;
        if (input.RingTimeoutSeconds is < MinRingTimeoutSeconds or > MaxRingTimeoutSeconds)
            errors[nameof(LocationInput.RingTimeoutSeconds)] = ErrorKeys.RingTimeoutRange;
        if (input.SmsDelaySeconds is < 0 or > MaxEscalationDelaySeconds) errors[nameof(LocationInput.SmsDelaySeconds)] = ErrorKeys.EscalationDelayRange;
        if (input.EmailDelaySeconds is < 0 or > MaxEscalationDelaySeconds) errors[nameof(LocationInput.EmailDelaySeconds)] = ErrorKeys.EscalationDelayRange;
        if (input.ShiftHours is < MinShiftHours or > MaxShiftHours) errors[nameof(LocationInput.ShiftHours)] = ErrorKeys.ShiftLengthRange;
        if (input.AcceptDeadlineSeconds is < MinAcceptDeadlineSeconds or > MaxAcceptDeadlineSeconds)
            errors[nameof(LocationInput.AcceptDeadlineSeconds)] = ErrorKeys.AcceptDeadlineRange;
        if (input.OpeningHours is null || input.OpeningHours.Days.Values.Any(d => d.Count > 4))
            errors[nameof(LocationInput.OpeningHours)] = ErrorKeys.OpeningHoursInvalid;
        return errors;
    }
}
