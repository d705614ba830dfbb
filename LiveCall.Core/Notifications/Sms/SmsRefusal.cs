namespace LiveCall.Core.Notifications.Sms;

/// <summary>Why an SMS was not queued; the UI turns this into a sentence for the user.</summary>
public enum SmsRefusal
{
    None = 0,
    InvalidNumber,
    CountryNotAllowed,
    UserDailyCap,
    LocationDailyCap,
    DealerDailyCap,
    GlobalHourlyCap,
    Cooldown,
}
