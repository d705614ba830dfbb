namespace LiveCall.Core.Notifications;

/// <summary>
/// Why an SMS or email was not queued: the UI turns this into a sentence for the user, and the Outbox page shows it next to
/// the refused message. Stored as a number (<see cref="Outbox.OutboxMessage.Refusal"/>): append new values, never renumber.
/// </summary>
public enum SendRefusal
{
    None = 0,
    InvalidNumber = 1,
    CountryNotAllowed = 2,
    UserDailyCap = 3,
    LocationDailyCap = 4,
    DealerDailyCap = 5,
    /// <summary>The global hourly cap is reached and this dealer sent at least its fair share of it.</summary>
    GlobalHourlyCap = 6,
    Cooldown = 7,
    /// <summary>The location's budget for this kind of message (ring alerts, invitations, account mails) for the hour.</summary>
    LocationHourlyCap = 8,
    DealerHourlyCap = 9,
}
