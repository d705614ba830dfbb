using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Core.Dealers;

public sealed record DealerInput(string Name, string Slug, string Country);

public sealed record DealerRow(Guid Id, string Name, string Slug, string Country, int LocationCount);

/// <summary>Dealers: platform admins manage all; a dealer admin sees and edits only their own.</summary>
public sealed class DealerAdminService(IDbContextFactory<LiveCallDbContext> dbFactory, TimeProvider time)
{
    public async Task<Page<DealerRow>> ListAsync(TenantScope scope, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Dealers.VisibleTo(scope);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            query = query.Where(d => d.Name.ToLower().Contains(s) || d.Slug.Contains(s));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.Name).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(d => new DealerRow(d.Id, d.Name, d.Slug, d.Country, d.Locations.Count))
            .ToListAsync(cancellationToken);
        return new Page<DealerRow>(items, total);
    }

    public async Task<Dealer?> GetAsync(TenantScope scope, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dealers.VisibleTo(scope).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    public async Task<AdminResult<Dealer>> CreateAsync(TenantScope scope, DealerInput input, CancellationToken cancellationToken)
    {
        if (!scope.IsPlatformAdmin) return AdminResult<Dealer>.NotFound();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, input, null, cancellationToken);
        if (errors.Count > 0) return AdminResult<Dealer>.Invalid(errors);
        var dealer = new Dealer(input.Name, input.Slug, input.Country, time.GetUtcNow().UtcDateTime);
        db.Dealers.Add(dealer);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<Dealer>.Ok(dealer);
    }

    public async Task<AdminResult<Dealer>> UpdateAsync(TenantScope scope, Guid id, DealerInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (scope.Role < Users.StaffRole.DealerAdmin) return AdminResult<Dealer>.NotFound();
        var dealer = await db.Dealers.VisibleTo(scope).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (dealer is null) return AdminResult<Dealer>.NotFound();
        var errors = await ValidateAsync(db, input, id, cancellationToken);
        if (errors.Count > 0) return AdminResult<Dealer>.Invalid(errors);
        dealer.Update(input.Name, input.Slug, input.Country);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<Dealer>.Ok(dealer);
    }

    private static async Task<Dictionary<string, string>> ValidateAsync(LiveCallDbContext db, DealerInput input, Guid? id, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        Validate.Required(errors, nameof(DealerInput.Name), input.Name, 120);
        var slug = input.Slug?.Trim().ToLowerInvariant();
        if (!Validate.IsSlug(slug)) errors[nameof(DealerInput.Slug)] = ErrorKeys.SlugInvalid;
        else if (await db.Dealers.AnyAsync(d => d.Slug == slug && d.Id != id, cancellationToken)) errors[nameof(DealerInput.Slug)] = ErrorKeys.SlugTaken;
        if (!Validate.IsCountry(input.Country?.Trim())) errors[nameof(DealerInput.Country)] = ErrorKeys.CountryInvalid;
        return errors;
    }
}
