using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// A name an anonymous customer typed, made safe to show. <see cref="Clean"/> (at input, so the stored name is clean):
/// one line of visible text: bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), zero-width
/// characters (U+200B–U+200D, U+2060, U+FEFF) and every other control or format character (Cc, Cf) removed, any
/// whitespace run (line breaks, tabs, no-break and ideographic spaces) one space. <see cref="ForMessage"/> (for the
/// staff's SMS, push and email, which the dealer's sender signs): also no link: a scheme (<c>https://</c>,
/// <c>hxxp://</c>, <c>mailto:</c>, …) is dropped and the dots of anything that looks like a host name or address,
/// lookalike dots included (<c>．。｡․﹒</c>), become <c>[.]</c>, so "Login expired: https://evil.example/x" reads
/// "Login expired: evil[.]example/x" and no SMS or mail program makes it a link. Names keep their letters, umlauts,
/// apostrophes and initials ("Dr. Müller", "J.R.R. O'Neill").
/// </summary>
public static partial class CustomerNameText
{
    /// <summary>How much of the name a message shows.</summary>
    public const int MessageLength = 40;

    private const string Dots = ".．。｡․﹒";
    private const string DefusedDot = "[.]";

    /// <summary>One line of visible text, NFC-normalised and trimmed (empty for null).</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = text.Length > 0;
                continue;
            }
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format) continue;
            if (pendingSpace) text.Append(' ');
            pendingSpace = false;
            text.Append(rune.ToString());
        }
        return text.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary><see cref="Clean"/>, with schemes dropped and host-like dots defused.</summary>
    public static string Defused(string? value) => Clean(DefuseHosts(SchemePattern().Replace(Clean(value), "")));

    /// <summary>The name as a staff message shows it: defused and at most <paramref name="maxLength"/> characters.</summary>
    public static string ForMessage(string? value, int maxLength = MessageLength) => Shorten(Defused(value), maxLength);

    /// <summary>
    /// At most <paramref name="maxLength"/> characters (user-perceived: an emoji or a letter with accents is one), cut
    /// after a letter (not after a space or a dash) and ending in <paramref name="ellipsis"/>.
    /// </summary>
    public static string Shorten(string value, int maxLength, string ellipsis = "…")
    {
        var info = new StringInfo(value);
        if (info.LengthInTextElements <= maxLength) return value;
        var keep = Math.Max(0, maxLength - new StringInfo(ellipsis).LengthInTextElements);
        var kept = info.SubstringByTextElements(0, keep);
        var end = kept.Length;
        while (end > 0 && (char.IsWhiteSpace(kept[end - 1]) || char.IsPunctuation(kept[end - 1]))) end--; // no "Kunde –…"
        return kept[..end] + ellipsis;
    }

    /// <summary>
    /// Each run of label characters and dots that holds a dot between a label and a following label of two or more
    /// characters ("evil.example", "www.x.example", "192.168.0.1") gets all its dots defused; "Dr." and initials
    /// ("J.R.R.") have no such pair and stay as they are.
    /// </summary>
    private static string DefuseHosts(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var result = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < runes.Length)
        {
            if (!IsLabel(runes[i]))
            {
                result.Append(runes[i].ToString());
                i++;
                continue;
            }
            var start = i;
            while (i < runes.Length && (IsLabel(runes[i]) || IsDot(runes[i]))) i++;
            var run = runes[start..i];
            var hostLike = LooksLikeHost(run);
            foreach (var rune in run) result.Append(hostLike && IsDot(rune) ? DefusedDot : rune.ToString());
        }
        return result.ToString();
    }

    private static bool LooksLikeHost(Rune[] run)
    {
        var previous = 0;
        var current = 0;
        var afterDot = false;
        foreach (var rune in run)
        {
            if (IsDot(rune))
            {
                if (afterDot && previous > 0 && current >= 2) return true;
                (previous, current, afterDot) = (current, 0, true);
            }
            else current++;
        }
        return afterDot && previous > 0 && current >= 2;
    }

    private static bool IsDot(Rune rune) => rune.IsBmp && Dots.Contains((char)rune.Value);

    private static bool IsLabel(Rune rune) => rune.Value == '-' || Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>A URI scheme before "//" (whatever its letters: "hxxps://", "h**p://" loses at least "p://"), or one that links without slashes.</summary>
    [GeneratedRegex(@"\b[\p{L}\p{N}+.\-]*:[/\\／]+|\b(?:https?|hxxps?|ftp|mailto|javascript|vbscript|data|file|sms|tel|callto|facetime|intent|ms-[a-z\-]+):",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();
}
