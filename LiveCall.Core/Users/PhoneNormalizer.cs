using PhoneNumbers;

namespace LiveCall.Core.Users;

/// <summary>Validates and normalises mobile numbers to E.164 with libphonenumber.</summary>
public static class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Returns the E.164 form of <paramref name="input"/> if it is a valid mobile number; numbers
    /// without a "+" are read in <paramref name="defaultRegion"/> (ISO country code).
    /// </summary>
    public static bool TryNormalizeMobile(string? input, string? defaultRegion, out string e164) =>
        TryParse(input, defaultRegion, mobileOnly: true, out e164);

    /// <summary>Like <see cref="TryNormalizeMobile"/> but any valid number (a customer may want a call back on a landline).</summary>
    public static bool TryNormalize(string? input, string? defaultRegion, out string e164) =>
        TryParse(input, defaultRegion, mobileOnly: false, out e164);

    private static bool TryParse(string? input, string? defaultRegion, bool mobileOnly, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32) return false;
        if (input.Any(char.IsLetter)) return false;
        try
        {
            var number = Util.Parse(input, string.IsNullOrWhiteSpace(defaultRegion) ? "ZZ" : defaultRegion.ToUpperInvariant());
            if (!Util.IsValidNumber(number)) return false;
            if (mobileOnly && Util.GetNumberType(number) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE)) return false;
            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>True for a valid number that can receive an SMS.</summary>
    public static bool IsMobile(string e164) => TryNormalizeMobile(e164, null, out _);

    /// <summary>An E.164 number in international format for people to read ("+49 151 12345678").</summary>
    public static string Display(string e164)
    {
        try { return Util.Format(Util.Parse(e164, "ZZ"), PhoneNumberFormat.INTERNATIONAL); }
        catch (NumberParseException) { return e164; }
    }

    /// <summary>The calling code's region of an E.164 number ("DE" for +49…), or null.</summary>
    public static string? RegionOf(string e164)
    {
        try { return Util.GetRegionCodeForNumber(Util.Parse(e164, "ZZ")); }
        catch (NumberParseException) { return null; }
    }
}
