using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Email;

/// <summary>SendGrid settings (section "SendGrid"). The channel is live when <see cref="ApiKey"/> is set.</summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string Section = "SendGrid";

    public string? ApiKey { get; set; }
    public string? FromEmail { get; set; }
    public string? FromName { get; set; }
    /// <summary>The API host; requests go to {BaseUrl}/v3/mail/send.</summary>
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";
    /// <summary>The event webhook's verification key (base64 SubjectPublicKeyInfo). Without it the webhook refuses everything.</summary>
    public string? WebhookPublicKey { get; set; }
    /// <summary>How far a webhook's signed timestamp may be from now.</summary>
    public TimeSpan WebhookMaxAge { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ValidatedOptions.IsHttpUrl(BaseUrl)) yield return ValidatedOptions.Error(Section, nameof(BaseUrl), "must be an absolute http(s) URL.");
        if (Timeout <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(Timeout), "must be positive.");
        if (WebhookMaxAge <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(WebhookMaxAge), "must be positive.");
        if (IsConfigured && !(FromEmail?.Contains('@') ?? false))
            yield return ValidatedOptions.Error(Section, nameof(FromEmail), "must be an email address when SendGrid:ApiKey is set.");
        if (!string.IsNullOrWhiteSpace(WebhookPublicKey) && !SendGridWebhookVerifier.TryLoadKey(WebhookPublicKey, out _))
            yield return ValidatedOptions.Error(Section, nameof(WebhookPublicKey), "must be a base64 ECDSA public key.");
    }
}
