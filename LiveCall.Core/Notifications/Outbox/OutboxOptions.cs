using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Outbox worker settings (section "Outbox").</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string Section = "Outbox";

    /// <summary>How often the worker looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a claimed message stays reserved for one worker.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; set; } = 20;
    public int Parallelism { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(PollInterval), "must be positive.");
        if (LeaseDuration <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(LeaseDuration), "must be positive.");
        if (MaxAttempts < 1) yield return ValidatedOptions.Error(Section, nameof(MaxAttempts), "must be at least 1.");
        if (BaseRetryDelay <= TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(BaseRetryDelay), "must be positive.");
        if (MaxRetryDelay < BaseRetryDelay) yield return ValidatedOptions.Error(Section, nameof(MaxRetryDelay), "must not be shorter than Outbox:BaseRetryDelay.");
        if (BatchSize < 1) yield return ValidatedOptions.Error(Section, nameof(BatchSize), "must be at least 1.");
        if (Parallelism < 1) yield return ValidatedOptions.Error(Section, nameof(Parallelism), "must be at least 1.");
    }
}
