using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>Vonage SMS API settings (section "Vonage"). The channel is live when <see cref="ApiKey"/> is set.</summary>
public sealed class VonageOptions : IValidatableObject
{
    public const string Section = "Vonage";

    public string? ApiKey { get; set; }
    public string? ApiSecret { get; set; }
    /// <summary>Sender id: a number or an alphanumeric name (max 11 characters).</summary>
    public string? From { get; set; }
    public string BaseUrl { get; set; } = "https://rest.nexmo.com";
    /// <summary>Delivery receipts must carry a valid <c>sig</c> made with this secret; without it every receipt is refused.</summary>
    public string? SignatureSecret { get; set; }
    /// <summary>
    /// Development only: accept receipts without a signature when <see cref="SignatureSecret"/> is empty (anybody could
    /// otherwise mark any SMS delivered or failed). The app refuses to start with it outside Development.
    /// </summary>
    public bool AcceptUnsignedReceipts { get; set; }
    /// <summary>md5hash (Vonage's default), md5, sha1, sha256 or sha512 (the HMAC variants).</summary>
    public string SignatureMethod { get; set; } = "md5hash";
    /// <summary>How far a signed receipt's timestamp may be from now.</summary>
    public TimeSpan SignatureMaxAge { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxSendsPerSecond { get; set; } = 30;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ValidatedOptions.IsHttpUrl(BaseUrl)) yield return ValidatedOptions.Error(Section, nameof(BaseUrl), "must be an absolute http(s) URL.");
        if (MaxSendsPerSecond <= 0) yield return ValidatedOptions.Error(Section, nameof(MaxSendsPerSecond), "must be positive.");
        if (Timeout <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(Timeout), "must be positive.");
        if (!VonageSignature.IsKnownMethod(SignatureMethod))
            yield return ValidatedOptions.Error(Section, nameof(SignatureMethod), "must be md5hash, md5, sha1, sha256 or sha512.");
        if (IsConfigured && string.IsNullOrWhiteSpace(ApiSecret)) yield return ValidatedOptions.Error(Section, nameof(ApiSecret), "is required with Vonage:ApiKey.");
        if (IsConfigured && string.IsNullOrWhiteSpace(From)) yield return ValidatedOptions.Error(Section, nameof(From), "is required with Vonage:ApiKey.");
    }
}
