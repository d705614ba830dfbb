using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Core.Users;

public sealed record UserInput(string Email, string DisplayName, string? Mobile, StaffRole Role, Guid? DealerId, Guid? LocationId, string Language, bool IsActive);

public sealed record UserRow(string Id, string DisplayName, string Email, string? Mobile, StaffRole Role, string? DealerName, string? LocationName, bool IsActive, bool Activated);

/// <summary>
/// Staff users. An admin manages users inside their reach with a role up to their own. New users get
/// an activation email; deactivated users lose their sessions (the security stamp changes).
/// </summary>
public sealed class UserAdminService(IDbContextFactory<LiveCallDbContext> dbFactory, IServiceScopeFactory scopes, AccountService accounts, TimeProvider time)
{
    public async Task<Page<UserRow>> ListAsync(TenantScope scope, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Users.VisibleTo(scope);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            query = query.Where(u => u.DisplayName.ToLower().Contains(s) || u.NormalizedEmail!.Contains(s.ToUpper()));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(u => u.DisplayName).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(u => new UserRow(u.Id, u.DisplayName, u.Email!, u.Mobile, u.Role,
                db.Dealers.Where(d => d.Id == u.DealerId).Select(d => d.Name).FirstOrDefault(),
                db.Locations.Where(l => l.Id == u.LocationId).Select(l => l.Name).FirstOrDefault(),
                u.IsActive, u.PasswordHash != null))
            .ToListAsync(cancellationToken);
        return new Page<UserRow>(items, total);
    }

    public async Task<StaffUser?> GetAsync(TenantScope scope, string id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.VisibleTo(scope).AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>Creates the user (no password) and queues the activation email with a link under <paramref name="baseUri"/>.</summary>
    public async Task<AdminResult<StaffUser>> CreateAsync(TenantScope scope, UserInput input, Uri baseUri, CancellationToken cancellationToken)
    {
        if (!scope.IsAdmin) return AdminResult<StaffUser>.NotFound();
        await using var serviceScope = scopes.CreateAsyncScope();
        var users = serviceScope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var (errors, normalized) = await ValidateAsync(scope, input, null, cancellationToken);
        if (errors.Count > 0) return AdminResult<StaffUser>.Invalid(errors);

        var user = StaffUser.Create(input.Email, input.DisplayName, input.Role, normalized.DealerId, normalized.LocationId, time.GetUtcNow().UtcDateTime);
        user.SetProfile(input.DisplayName, normalized.Mobile, input.Language);
        user.SetActive(input.IsActive);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
            return AdminResult<StaffUser>.Invalid(nameof(UserInput.Email), created.Errors.Any(e => e.Code.Contains("Duplicate")) ? ErrorKeys.EmailTaken : ErrorKeys.EmailInvalid);
        await accounts.SendActivationAsync(user.Id, baseUri, cancellationToken);
        return AdminResult<StaffUser>.Ok(user);
    }

    public async Task<AdminResult<StaffUser>> UpdateAsync(TenantScope scope, string id, UserInput input, CancellationToken cancellationToken)
    {
        await using var serviceScope = scopes.CreateAsyncScope();
        var users = serviceScope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null || !scope.CanEditUser(user.Id, user.Role, user.DealerId, user.LocationId)) return AdminResult<StaffUser>.NotFound();
        var (errors, normalized) = await ValidateAsync(scope, input, id, cancellationToken);
        if (user.Id == scope.UserId && !input.IsActive) errors[nameof(UserInput.IsActive)] = ErrorKeys.CannotDeactivateSelf;
        if (user.Id == scope.UserId && input.Role != user.Role) errors[nameof(UserInput.Role)] = ErrorKeys.RoleNotAllowed;
        if (errors.Count > 0) return AdminResult<StaffUser>.Invalid(errors);

        var sessionsEnd = user.IsActive != input.IsActive || user.Role != input.Role || user.LocationId != normalized.LocationId
            || user.DealerId != normalized.DealerId || !string.Equals(user.Email, input.Email.Trim(), StringComparison.OrdinalIgnoreCase);
        user.SetEmail(input.Email);
        user.Assign(input.Role, normalized.DealerId, normalized.LocationId);
        user.SetProfile(input.DisplayName, normalized.Mobile, input.Language);
        user.SetActive(input.IsActive);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
            return AdminResult<StaffUser>.Invalid(nameof(UserInput.Email), updated.Errors.Any(e => e.Code.Contains("Duplicate")) ? ErrorKeys.EmailTaken : ErrorKeys.EmailInvalid);
        // A new security stamp signs the user out everywhere (cookies are re-validated on every request, circuits within 30 s).
        if (sessionsEnd) await users.UpdateSecurityStampAsync(user);
        return AdminResult<StaffUser>.Ok(user);
    }

    public async Task<bool> ResendActivationAsync(TenantScope scope, string id, Uri baseUri, CancellationToken cancellationToken)
    {
        var user = await GetAsync(scope, id, cancellationToken);
        if (user is null || !scope.CanEditUser(user.Id, user.Role, user.DealerId, user.LocationId) || user.PasswordHash is not null) return false;
        await accounts.SendActivationAsync(user.Id, baseUri, cancellationToken);
        return true;
    }

    private sealed record Normalized(Guid? DealerId, Guid? LocationId, string? Mobile);

    private async Task<(Dictionary<string, string> Errors, Normalized Normalized)> ValidateAsync(TenantScope scope, UserInput input, string? id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = new Dictionary<string, string>();
        Validate.Required(errors, nameof(UserInput.DisplayName), input.DisplayName, 120);
        if (!Validate.IsEmail(input.Email)) errors[nameof(UserInput.Email)] = ErrorKeys.EmailInvalid;
        else
        {
            var normalizedEmail = input.Email.Trim().ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.Id != id, cancellationToken))
                errors[nameof(UserInput.Email)] = ErrorKeys.EmailTaken;
        }
        if (!Validate.Languages.Contains(input.Language)) errors[nameof(UserInput.Language)] = ErrorKeys.LanguageInvalid;

        Guid? dealerId = null, locationId = null;
        string? country = null;
        if (!Enum.IsDefined(input.Role) || input.Role > scope.Role) errors[nameof(UserInput.Role)] = ErrorKeys.RoleNotAllowed;
        else if (input.Role == StaffRole.DealerAdmin)
        {
            var dealer = input.DealerId is { } d ? await db.Dealers.VisibleTo(scope).FirstOrDefaultAsync(x => x.Id == d, cancellationToken) : null;
            if (dealer is null) errors[nameof(UserInput.DealerId)] = ErrorKeys.DealerRequired;
            else (dealerId, country) = (dealer.Id, dealer.Country);
        }
        else if (input.Role is StaffRole.Seller or StaffRole.LocationAdmin)
        {
            var location = input.LocationId is { } l ? await db.Locations.VisibleTo(scope).FirstOrDefaultAsync(x => x.Id == l, cancellationToken) : null;
            if (location is null) errors[nameof(UserInput.LocationId)] = ErrorKeys.LocationRequired;
            else (dealerId, locationId, country) = (location.DealerId, location.Id, location.Country);
        }
        if (errors.ContainsKey(nameof(UserInput.Role)) is false && !scope.CanManageUser(input.Role, dealerId, locationId) && errors.Count == 0)
            errors[nameof(UserInput.Role)] = ErrorKeys.RoleNotAllowed;

        string? mobile = null;
        if (!string.IsNullOrWhiteSpace(input.Mobile))
        {
            if (PhoneNormalizer.TryNormalizeMobile(input.Mobile, country, out var e164)) mobile = e164;
            else errors[nameof(UserInput.Mobile)] = ErrorKeys.MobileInvalid;
        }
        return (errors, new Normalized(dealerId, locationId, mobile));
    }
}
