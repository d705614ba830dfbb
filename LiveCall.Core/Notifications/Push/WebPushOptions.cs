using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Push;

/// <summary>Web Push settings (section "WebPush"). Always live: the VAPID keys are generated on first run.</summary>
public sealed class WebPushOptions : IValidatableObject
{
    public const string Section = "WebPush";

    /// <summary>Push services used by current browsers (FCM for Chrome/Edge, Mozilla, Windows, Apple).</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedHosts =
        ["fcm.googleapis.com", "*.push.services.mozilla.com", "*.notify.windows.com", "*.push.apple.com"];

    /// <summary>The VAPID contact (RFC 8292 "sub"): a mailto: or https: URI.</summary>
    public string Subject { get; set; } = "mailto:webpush@livecall.invalid";
    /// <summary>Push-service host names; "*.example.com" matches sub-domains. Empty means the defaults.</summary>
    public string[] AllowedHosts { get; set; } = [];
    /// <summary>Lets tests use http and loopback/private addresses. Never set in production.</summary>
    public bool AllowLoopbackForTesting { get; set; }
    public TimeSpan IncomingCallTtl { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromHours(12);
    /// <summary>VAPID JWT lifetime (at most 24 hours by RFC 8292).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> EffectiveAllowedHosts => AllowedHosts.Length > 0 ? AllowedHosts : DefaultAllowedHosts;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Subject.StartsWith("mailto:", StringComparison.Ordinal) && !Subject.StartsWith("https://", StringComparison.Ordinal))
            yield return ValidatedOptions.Error(Section, nameof(Subject), "must be a mailto: or https: URI.");
        if (TokenLifetime <= TimeSpan.Zero || TokenLifetime > TimeSpan.FromHours(24))
            yield return ValidatedOptions.Error(Section, nameof(TokenLifetime), "must be positive and at most 24 hours.");
        if (IncomingCallTtl < TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(IncomingCallTtl), "must not be negative.");
        if (DefaultTtl < TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(DefaultTtl), "must not be negative.");
        if (Timeout <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(Timeout), "must be positive.");
        if (AllowedHosts.Any(string.IsNullOrWhiteSpace)) yield return ValidatedOptions.Error(Section, nameof(AllowedHosts), "must not contain empty entries.");
    }
}
