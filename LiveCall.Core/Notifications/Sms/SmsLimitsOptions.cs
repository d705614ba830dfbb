namespace LiveCall.Core.Notifications.Sms;

/// <summary>SMS abuse limits (section "SmsLimits"). Daily caps count the last 24 hours.</summary>
public sealed class SmsLimitsOptions
{
    public const string Section = "SmsLimits";

    public int PerUserDaily { get; set; } = 100;
    public int PerLocationDaily { get; set; } = 500;
    public int PerDealerDaily { get; set; } = 2000;
    public int GlobalHourly { get; set; } = 1000;
    /// <summary>Minimum gap between two SMS to the same number.</summary>
    public TimeSpan CooldownPerNumber { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>ISO country codes SMS may go to; empty means the countries of the dealers and locations.</summary>
    public string[] AllowedCountries { get; set; } = [];

    public bool IsValid() =>
        PerUserDaily >= 0 && PerLocationDaily >= 0 && PerDealerDaily >= 0 && GlobalHourly >= 0
        && CooldownPerNumber >= TimeSpan.Zero && AllowedCountries.All(c => c.Trim().Length == 2);
}
