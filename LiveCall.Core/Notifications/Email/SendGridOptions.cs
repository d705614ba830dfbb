namespace LiveCall.Core.Notifications.Email;

/// <summary>SendGrid settings (section "SendGrid"). The channel is live when <see cref="ApiKey"/> is set.</summary>
public sealed class SendGridOptions
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

    public bool IsValid() =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && Timeout > TimeSpan.Zero && WebhookMaxAge > TimeSpan.Zero
        && (!IsConfigured || (FromEmail?.Contains('@') ?? false))
        && (string.IsNullOrWhiteSpace(WebhookPublicKey) || SendGridWebhookVerifier.TryLoadKey(WebhookPublicKey, out _));
}
