using System.Text.RegularExpressions;

namespace LiveCall.Tests.Support;

/// <summary>What must never be in a log line: phone numbers, link and access tokens, passwords, the text of a message.</summary>
public static partial class LogSecrets
{
    /// <summary>Every password the tests sign in with, right or wrong.</summary>
    public static readonly string[] Passwords = [TestData.DemoPassword, "Demo-Pass-2026!", "Crash-Test-2026!", "Wrong-Pass-1!"];

    private static readonly string[] MessageText = ["Set a new password", "reset-password?user=", "account/activate?user=", "Accept the call", "Anruf annehmen"];

    /// <summary>The kinds of secret found in <paramref name="line"/> (empty when it is clean), besides the <paramref name="known"/> values.</summary>
    public static IReadOnlyList<string> Find(string line, IEnumerable<string>? known = null)
    {
        var found = new List<string>();
        if (PhoneNumber().IsMatch(line)) found.Add("phone number");
        if (LinkToken().IsMatch(line) || QueryToken().IsMatch(line) || Bearer().IsMatch(line)) found.Add("token");
        if (Passwords.Any(p => line.Contains(p, StringComparison.Ordinal))) found.Add("password");
        if (MessageText.Any(t => line.Contains(t, StringComparison.Ordinal))) found.Add("message text");
        if (known?.FirstOrDefault(k => k.Length >= 8 && line.Contains(k, StringComparison.Ordinal)) is { } value) found.Add($"known secret '{value[..4]}…'");
        return found;
    }

    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{7,14}(?!\d)")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"/(r|j)/[A-Za-z0-9_-]{20,}")]
    private static partial Regex LinkToken();

    [GeneratedRegex(@"(token|access_token|code|sig)=[A-Za-z0-9_%.-]{16,}", RegexOptions.IgnoreCase)]
    private static partial Regex QueryToken();

    [GeneratedRegex(@"Bearer [A-Za-z0-9._-]{10,}")]
    private static partial Regex Bearer();
}
