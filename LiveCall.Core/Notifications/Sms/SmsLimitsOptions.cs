using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>SMS abuse limits (section "SmsLimits"). Daily caps count the last 24 hours.</summary>
public sealed class SmsLimitsOptions : IValidatableObject
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PerUserDaily < 0) yield return ValidatedOptions.Error(Section, nameof(PerUserDaily), "must not be negative.");
        if (PerLocationDaily < 0) yield return ValidatedOptions.Error(Section, nameof(PerLocationDaily), "must not be negative.");
        if (PerDealerDaily < 0) yield return ValidatedOptions.Error(Section, nameof(PerDealerDaily), "must not be negative.");
        if (GlobalHourly < 0) yield return ValidatedOptions.Error(Section, nameof(GlobalHourly), "must not be negative.");
        if (CooldownPerNumber < TimeSpan.Zero) yield return ValidatedOptions.Error(Section, nameof(CooldownPerNumber), "must not be negative.");
        foreach (var country in AllowedCountries.Where(c => c.Trim().Length != 2))
            yield return ValidatedOptions.Error(Section, nameof(AllowedCountries), $"entry '{country}' must be a two-letter country code.");
    }
}
