namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Outbox worker settings (section "Outbox").</summary>
public sealed class OutboxOptions
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

    public bool IsValid() =>
        PollInterval > TimeSpan.Zero && LeaseDuration > TimeSpan.Zero && MaxAttempts >= 1
        && BaseRetryDelay > TimeSpan.Zero && MaxRetryDelay >= BaseRetryDelay && BatchSize >= 1 && Parallelism >= 1;
}
