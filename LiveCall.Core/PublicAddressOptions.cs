using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core;

/// <summary>The app's public address (section "App"); the old key <c>Escalation:PublicBaseUrl</c> is still read.</summary>
public sealed class PublicAddressOptions : IValidatableObject
{
    public const string Section = "App";
    public const string LegacyKey = "Escalation:PublicBaseUrl";

    /// <summary>
    /// Where customers, guests and sellers reach the app, e.g. https://calls.example.com/. Every link in push, SMS and
    /// email is built from it, and outside Development it is the only Host the app answers (unless AllowedHosts is set).
    /// Required outside Development; in Development the app's own listening address is used when it is empty.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !ValidatedOptions.IsHttpUrl(PublicBaseUrl))
            yield return ValidatedOptions.Error(Section, nameof(PublicBaseUrl), "must be an absolute http(s) URL.");
    }

    /// <summary>The configured address ending in a slash; null when none is set.</summary>
    public Uri? BaseUri => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : new(PublicBaseUrl.EndsWith('/') ? PublicBaseUrl : PublicBaseUrl + "/");
}
