namespace LiveCall.Core.Users;

public enum PasswordRule { MinLength, Lower, Upper, Digit, Special }

/// <summary>
/// The product's password rules: at least 8 characters with one lower-case letter, one upper-case
/// letter, one digit and one special character. The same rules are configured in Identity.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;

    public static IReadOnlyList<PasswordRule> Broken(string? password)
    {
        password ??= "";
        var broken = new List<PasswordRule>();
        if (password.Length < MinLength) broken.Add(PasswordRule.MinLength);
        if (!password.Any(char.IsLower)) broken.Add(PasswordRule.Lower);
        if (!password.Any(char.IsUpper)) broken.Add(PasswordRule.Upper);
        if (!password.Any(char.IsDigit)) broken.Add(PasswordRule.Digit);
        if (!password.Any(c => !char.IsLetterOrDigit(c))) broken.Add(PasswordRule.Special);
        return broken;
    }

    public static bool IsValid(string? password) => Broken(password).Count == 0;

    /// <summary>0 (empty) … 4 (strong): rules met, plus a bonus for length ≥ 12 when all rules hold.</summary>
    public static int Strength(string? password)
    {
        if (string.IsNullOrEmpty(password)) return 0;
        var met = 5 - Broken(password).Count; // 0..5
        if (met < 5) return Math.Clamp(met - 1, 1, 2);
        return password.Length >= 12 ? 4 : 3;
    }
}
