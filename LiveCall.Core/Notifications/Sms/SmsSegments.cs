namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// How many SMS a text costs (GSM 03.38): GSM-7 carries 160 characters in one message and 153 per part of a longer one,
/// the extension characters (<c>^{}\[~]|€</c> and form feed) counting twice; any other character makes the whole text
/// UCS-2, 70 characters alone and 67 per part, a character outside the Basic Multilingual Plane (an emoji) counting twice.
/// </summary>
public static class SmsSegments
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";

    /// <summary>True when every character is in the GSM-7 alphabet or its extension table (Vonage's <c>type=text</c>).</summary>
    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c) || Extension.Contains(c));

    /// <summary>The number of messages the text is sent as (0 for an empty text).</summary>
    public static int Count(string text)
    {
        if (text.Length == 0) return 0;
        var (units, single, part) = IsGsm7(text)
            ? (text.Sum(c => Extension.Contains(c) ? 2 : 1), 160, 153)
            : (text.Length, 70, 67);
        return units <= single ? 1 : (units + part - 1) / part;
    }
}
