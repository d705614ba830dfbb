using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Data;

/// <summary>
/// Section "Retention": how long personal data is kept. Calls, their times and who answered stay for the statistics;
/// what identifies a customer or guest, and what a message said and to whom, goes when its time is up.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string Section = "Retention";

    /// <summary>Names, phone numbers, email addresses and notes of customers and guests, counted from the call or callback request.</summary>
    public TimeSpan CustomerContacts { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Recipient, subject and text of SMS, email and push messages that are done (sent, failed, withdrawn).</summary>
    public TimeSpan OutboxBodies { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Provider webhook events kept to recognise replays (providers retry for at most three days).</summary>
    public TimeSpan WebhookEvents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(CustomerContacts), CustomerContacts), (nameof(OutboxBodies), OutboxBodies), (nameof(WebhookEvents), WebhookEvents) })
            if (value < TimeSpan.FromDays(1) || value > TimeSpan.FromDays(3650))
                yield return ValidatedOptions.Error(Section, name, "must be between 1.00:00:00 and 3650.00:00:00.");
        if (WebhookEvents < TimeSpan.FromDays(3))
            yield return ValidatedOptions.Error(Section, nameof(WebhookEvents), "must be at least 3.00:00:00: providers retry a webhook for up to three days.");
        if (SweepInterval < TimeSpan.FromMinutes(1) || SweepInterval > TimeSpan.FromDays(7))
            yield return ValidatedOptions.Error(Section, nameof(SweepInterval), "must be between 00:01:00 and 7.00:00:00.");
    }
}
