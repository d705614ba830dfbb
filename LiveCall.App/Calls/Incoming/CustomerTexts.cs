using System.Globalization;
using System.Text.Json;
using LiveCall.Core.Admin;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using Microsoft.Extensions.Localization;

namespace LiveCall.App.Calls.Incoming;

/// <summary>Texts of the customer entry: field errors, the next opening in the location's time, the script's strings.</summary>
public static class CustomerTexts
{
    public const string PrivacyField = "privacy";

    private static readonly (string Name, string Key)[] ScriptKeys =
    [
        ("starting", "Customer.Starting"), ("start", "Customer.Start"), ("sending", "Customer.Sending"), ("send", "Customer.SendCallback"),
        ("sellersOne", "Customer.Waiting.One"), ("sellersMany", "Customer.Waiting.Many"), ("hello", "Customer.Waiting.Hello"),
        ("thanks", "Customer.Thanks.Title"), ("tooMany", "Customer.TooMany"), ("failed", "Customer.Failed"),
        ("privacyRequired", "Customer.Error.PrivacyRequired"),
    ];

    /// <summary>The page script's texts as JSON for a <c>&lt;script type="application/json"&gt;</c> element ('&lt;' escaped).</summary>
    public static string ScriptJson(IStringLocalizer localizer) =>
        JsonSerializer.Serialize(ScriptKeys.ToDictionary(k => k.Name, k => localizer[k.Key].Value)).Replace("<", "\\u003c", StringComparison.Ordinal);

    /// <summary>Message texts by field for the keys of <see cref="CustomerContactRules"/> (customer wording: "phone", not "mobile").</summary>
    public static Dictionary<string, string> FieldErrors(IReadOnlyDictionary<string, string> keys, IStringLocalizer localizer) =>
        keys.ToDictionary(e => e.Key, e => localizer[(e.Key, e.Value) switch
        {
            (CustomerContactRules.NameField, ErrorKeys.Required) => "Customer.Error.NameRequired",
            (CustomerContactRules.NameField, ErrorKeys.TooLong) => "Customer.Error.NameTooLong",
            (CustomerContactRules.PhoneField, ErrorKeys.MobileInvalid) => "Customer.Error.PhoneInvalid",
            (CustomerContactRules.NoteField, ErrorKeys.TooLong) => "Customer.Error.NoteTooLong",
            var (_, key) => key,
        }].Value);

    /// <summary>"We are available again on Monday, 26 October 2026 at 09:00 (Berlin time)." in the UI language.</summary>
    public static string NextOpening(DateTimeOffset? next, Location location, IStringLocalizer localizer)
    {
        if (next is not { } at) return localizer["Customer.Closed.NoHours"].Value;
        var local = TimeZoneInfo.ConvertTime(at, location.TimeZone);
        var culture = CultureInfo.CurrentCulture;
        var city = location.TimeZoneId.Contains('/') ? location.TimeZoneId[(location.TimeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' ') : location.TimeZoneId;
        return string.Format(culture, localizer["Customer.Closed.Next"].Value, local.ToString("D", culture), local.ToString("t", culture), city);
    }
}
