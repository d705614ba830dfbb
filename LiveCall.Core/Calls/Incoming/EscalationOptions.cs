namespace LiveCall.Core.Calls.Incoming;

/// <summary>Settings of the incoming-call escalation (section "Escalation").</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>
    /// The app's public address for the accept links in push, SMS and email (e.g. https://calls.example.com/).
    /// Taken from configuration, never from a request's Host header (a forged one would send the links elsewhere).
    /// The app falls back to its own listening address when this is empty (development and tests).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public bool IsValid() => string.IsNullOrWhiteSpace(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http");

    public Uri BaseUri => new(PublicBaseUrl!.EndsWith('/') ? PublicBaseUrl : PublicBaseUrl + "/");
}
