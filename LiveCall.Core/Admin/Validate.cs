using System.Net.Mail;
using System.Text.RegularExpressions;

namespace LiveCall.Core.Admin;

/// <summary>Small field checks shared by the admin services.</summary>
public static partial class Validate
{
    public static readonly string[] Languages = ["en", "de"];

    public static void Required(Dictionary<string, string> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ErrorKeys.Required;
        else if (value.Trim().Length > maxLength) errors[field] = ErrorKeys.TooLong;
    }

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254) return false;
        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && EmailShape().IsMatch(trimmed);
    }

    public static bool IsSlug(string? value) => value is { Length: >= 2 and <= 60 } && SlugShape().IsMatch(value);

    public static bool IsCountry(string? value) =>
        value is { Length: 2 } && PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(value.ToUpperInvariant());

    public static bool IsTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && (id == "UTC" || id.Contains('/'));

    public static bool IsColor(string? value) => value is null || ColorShape().IsMatch(value);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailShape();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugShape();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorShape();
}
