using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>Settings of the incoming-call escalation (section "Escalation").</summary>
public sealed class EscalationOptions : IValidatableObject
{
    public const string Section = "Escalation";

    /// <summary>
    /// The app's public address for the accept links in push, SMS and email (e.g. https://calls.example.com/).
    /// Taken from configuration, never from a request's Host header (a forged one would send the links elsewhere).
    /// The app falls back to its own listening address when this is empty (development and tests).
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
