using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Dealers;

public sealed record BrandingTexts(string? DisplayName, string? PrimaryColor, string? WelcomeText);

/// <summary>Reads and edits branding per level and resolves the fall-back for customers, guests and messages.</summary>
public sealed class BrandingService(IDbContextFactory<LiveCallDbContext> dbFactory)
{
    public const int MaxLogoBytes = 512 * 1024;

    /// <summary>Effective branding of a location (or dealer, or the platform when both are null). No scope: used for public pages.</summary>
    public async Task<EffectiveBranding> ResolveAsync(Guid? dealerId, Guid? locationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Brandings.AsNoTracking()
            .Where(b => b.Level == BrandingLevel.Platform
                || (b.Level == BrandingLevel.Dealer && b.DealerId == dealerId)
                || (b.Level == BrandingLevel.Location && b.LocationId == locationId))
            .Select(b => new { Branding = b, HasLogo = b.Logo != null })
            .ToListAsync(cancellationToken);
        Branding? At(BrandingLevel level) => rows.FirstOrDefault(r => r.Branding.Level == level)?.Branding;
        return BrandingResolver.Resolve(At(BrandingLevel.Platform), dealerId is null ? null : At(BrandingLevel.Dealer), locationId is null ? null : At(BrandingLevel.Location));
    }

    /// <summary>The branding row of one level, if the caller may see that level; creates nothing.</summary>
    public async Task<AdminResult<Branding?>> GetAsync(TenantScope scope, BrandingLevel level, Guid? dealerId, Guid? locationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await ResolveTargetAsync(db, scope, level, dealerId, locationId, cancellationToken);
        if (target is null) return AdminResult<Branding?>.NotFound();
        var row = await Find(db, level, target.Value.DealerId, target.Value.LocationId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return AdminResult<Branding?>.Ok(row);
    }

    public async Task<AdminResult<Branding>> SaveTextsAsync(TenantScope scope, BrandingLevel level, Guid? dealerId, Guid? locationId, BrandingTexts texts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (texts.DisplayName?.Trim().Length > 120) errors[nameof(BrandingTexts.DisplayName)] = ErrorKeys.TooLong;
        if (!Validate.IsColor(string.IsNullOrWhiteSpace(texts.PrimaryColor) ? null : texts.PrimaryColor.Trim())) errors[nameof(BrandingTexts.PrimaryColor)] = ErrorKeys.ColorInvalid;
        if (texts.WelcomeText?.Trim().Length > 1000) errors[nameof(BrandingTexts.WelcomeText)] = ErrorKeys.TooLong;
        return await EditAsync(scope, level, dealerId, locationId, errors, b => b.SetTexts(texts.DisplayName, texts.PrimaryColor, texts.WelcomeText), cancellationToken);
    }

    /// <summary>Sets (or with null removes) the logo. Only PNG, JPEG, GIF and WebP up to 512 KB, checked by content.</summary>
    public async Task<AdminResult<Branding>> SetLogoAsync(TenantScope scope, BrandingLevel level, Guid? dealerId, Guid? locationId, byte[]? logo, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        string? contentType = null;
        if (logo is not null)
        {
            if (logo.Length > MaxLogoBytes) errors["Logo"] = ErrorKeys.LogoTooLarge;
            else if ((contentType = ImageSniffer.ContentType(logo)) is null) errors["Logo"] = ErrorKeys.LogoNotImage;
        }
        return await EditAsync(scope, level, dealerId, locationId, errors, b => b.SetLogo(logo, contentType), cancellationToken);
    }

    /// <summary>A logo for public pages (logos are public by nature).</summary>
    public async Task<(byte[] Bytes, string ContentType, int Version)?> GetLogoAsync(Guid brandingId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Brandings.AsNoTracking().Where(b => b.Id == brandingId && b.Logo != null)
            .Select(b => new { b.Logo, b.LogoContentType, b.Version }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Logo!, row.LogoContentType!, row.Version);
    }

    private async Task<AdminResult<Branding>> EditAsync(TenantScope scope, BrandingLevel level, Guid? dealerId, Guid? locationId,
        Dictionary<string, string> errors, Action<Branding> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await ResolveTargetAsync(db, scope, level, dealerId, locationId, cancellationToken);
        if (target is null || !scope.IsAdmin) return AdminResult<Branding>.NotFound();
        if (errors.Count > 0) return AdminResult<Branding>.Invalid(errors);
        var row = await Find(db, level, target.Value.DealerId, target.Value.LocationId).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = level switch
            {
                BrandingLevel.Platform => Branding.ForPlatform(),
                BrandingLevel.Dealer => Branding.ForDealer(target.Value.DealerId!.Value),
                _ => Branding.ForLocation(target.Value.DealerId!.Value, target.Value.LocationId!.Value),
            };
            db.Brandings.Add(row);
        }
        change(row);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<Branding>.Ok(row);
    }

    private static IQueryable<Branding> Find(LiveCallDbContext db, BrandingLevel level, Guid? dealerId, Guid? locationId) =>
        db.Brandings.Where(b => b.Level == level && b.DealerId == dealerId && b.LocationId == locationId);

    /// <summary>Checks the caller's reach for the level; returns the normalised ids or null (= not found).</summary>
    private static async Task<(Guid? DealerId, Guid? LocationId)?> ResolveTargetAsync(LiveCallDbContext db, TenantScope scope,
        BrandingLevel level, Guid? dealerId, Guid? locationId, CancellationToken cancellationToken)
    {
        switch (level)
        {
            case BrandingLevel.Platform:
                return scope.IsPlatformAdmin ? (null, null) : null;
            case BrandingLevel.Dealer when dealerId is { } d && scope.Role >= Users.StaffRole.DealerAdmin:
                return await db.Dealers.VisibleTo(scope).AnyAsync(x => x.Id == d, cancellationToken) ? (d, null) : null;
            case BrandingLevel.Location when locationId is { } l:
                var location = await db.Locations.VisibleTo(scope).Where(x => x.Id == l).Select(x => new { x.DealerId }).FirstOrDefaultAsync(cancellationToken);
                return location is null ? null : (location.DealerId, l);
            default:
                return null;
        }
    }
}
