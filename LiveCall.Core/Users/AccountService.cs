using LiveCall.Core.Admin;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Users;

public enum LinkKind { Activation, PasswordReset }

/// <summary>Activation and password-reset links: sending them and using them.</summary>
public sealed partial class AccountService(IDbContextFactory<LiveCallDbContext> dbFactory, IServiceScopeFactory scopes, BrandingService branding,
    NotificationOutbox outbox, TimeProvider time, ILogger<AccountService> logger)
{
    public async Task SendActivationAsync(string userId, Uri baseUri, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("Unknown user.");
        var token = await users.GenerateUserTokenAsync(user, AccountLinkTokenProvider.ProviderName, AccountLinkTokenProvider.ActivationPurpose);
        var link = Link(baseUri, "account/activate", user.Id, token);
        var brand = await branding.ResolveAsync(user.DealerId, user.LocationId, cancellationToken);
        await outbox.EnqueueEmailAsync(AccountEmails.Activation(user, brand, link), cancellationToken);
        LogActivationQueued(logger, user.Id);
    }

    /// <summary>Sends a reset link when the address belongs to an active account; the caller always shows the same answer.</summary>
    public async Task RequestPasswordResetAsync(string email, Uri baseUri, CancellationToken cancellationToken)
    {
        if (!Validate.IsEmail(email)) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive)
        {
            LogResetForUnknown(logger);
            return;
        }
        // One reset mail per account every few minutes, however often the form is sent.
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var since = time.GetUtcNow().UtcDateTime - ResetMailInterval;
            if (await db.Outbox.AnyAsync(m => m.UserId == user.Id && m.Purpose == OutboxPurpose.PasswordReset && m.CreatedUtc > since, cancellationToken))
            {
                LogResetThrottled(logger, user.Id);
                return;
            }
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Link(baseUri, "account/reset-password", user.Id, token);
        var brand = await branding.ResolveAsync(user.DealerId, user.LocationId, cancellationToken);
        await outbox.EnqueueEmailAsync(AccountEmails.PasswordReset(user, brand, link), cancellationToken);
        LogResetQueued(logger, user.Id);
    }

    /// <summary>True when the link is (still) valid: used to show the form or the "invalid link" answer.</summary>
    public async Task<bool> IsLinkValidAsync(LinkKind kind, string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || token.Length > 2000) return false;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || !user.IsActive) return false;
        if (kind == LinkKind.Activation && user.PasswordHash is not null) return false;
        return kind == LinkKind.Activation
            ? await users.VerifyUserTokenAsync(user, AccountLinkTokenProvider.ProviderName, AccountLinkTokenProvider.ActivationPurpose, token)
            : await users.VerifyUserTokenAsync(user, AccountLinkTokenProvider.ProviderName, UserManager<StaffUser>.ResetPasswordTokenPurpose, token);
    }

    /// <summary>Sets the password through a link. Returns null on success, else an error key (invalid link or password rules).</summary>
    public async Task<string?> SetPasswordAsync(LinkKind kind, string? userId, string? token, string password, CancellationToken cancellationToken)
    {
        if (!PasswordRules.IsValid(password)) return ErrorKeys.PasswordRules;
        if (!await IsLinkValidAsync(kind, userId, token)) return LinkInvalid;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByIdAsync(userId!))!;
        IdentityResult result;
        if (kind == LinkKind.Activation)
        {
            result = await users.AddPasswordAsync(user, password);
            if (result.Succeeded) { user.EmailConfirmed = true; await users.UpdateAsync(user); }
        }
        else
        {
            result = await users.ResetPasswordAsync(user, token!, password);
            if (result.Succeeded) await users.SetLockoutEndDateAsync(user, null);
        }
        return result.Succeeded ? null : result.Errors.Any(e => e.Code == "InvalidToken" || e.Code == "UserAlreadyHasPassword") ? LinkInvalid : ErrorKeys.PasswordRules;
    }

    public const string LinkInvalid = "Error.LinkInvalid";
    public static readonly TimeSpan ResetMailInterval = TimeSpan.FromMinutes(5);

    private static string Link(Uri baseUri, string path, string userId, string token) =>
        new Uri(baseUri, $"{path}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}").ToString();

    [LoggerMessage(LogLevel.Information, "Activation email queued for user {UserId}")]
    private static partial void LogActivationQueued(ILogger logger, string userId);

    [LoggerMessage(LogLevel.Information, "Password reset email queued for user {UserId}")]
    private static partial void LogResetQueued(ILogger logger, string userId);

    [LoggerMessage(LogLevel.Information, "Password reset for user {UserId} not sent again so soon")]
    private static partial void LogResetThrottled(ILogger logger, string userId);

    [LoggerMessage(LogLevel.Information, "Password reset asked for an address without an active account")]
    private static partial void LogResetForUnknown(ILogger logger);
}
