using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Users;

/// <summary>
/// Tokens for activation and password-reset links: protected with Data Protection, bound to the
/// user, the purpose and the user's security stamp (which changes when the password is set, so a
/// link works once), and expiring after a lifetime read from <see cref="TimeProvider"/>.
/// </summary>
public sealed class AccountLinkTokenProvider(IDataProtectionProvider dataProtection, IOptions<AccountOptions> options, TimeProvider time)
    : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string ProviderName = "LiveCallLink";
    public const string ActivationPurpose = "Activation";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LiveCall.AccountLinks.v1");

    public async Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var expires = time.GetUtcNow().Add(Lifetime(purpose)).ToUnixTimeSeconds();
        var payload = string.Join('\n', user.Id, purpose, stamp, expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Base64Url(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(FromBase64Url(token))).Split('\n');
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
        if (parts.Length != 4 || parts[0] != user.Id || parts[1] != purpose) return false;
        if (!long.TryParse(parts[3], out var expires) || time.GetUtcNow().ToUnixTimeSeconds() >= expires) return false;
        var stamp = await manager.GetSecurityStampAsync(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[2]), Encoding.UTF8.GetBytes(stamp));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(false);

    private TimeSpan Lifetime(string purpose) =>
        purpose == ActivationPurpose ? options.Value.ActivationLinkLifetime : options.Value.ResetLinkLifetime;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
