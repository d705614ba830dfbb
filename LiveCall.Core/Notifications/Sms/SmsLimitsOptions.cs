using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// SMS abuse limits (section "SmsLimits") over all kinds of SMS. Daily caps count the last 24 hours. The budgets per kind
/// (ring alerts, invitations) are <see cref="Budgets.MessageBudgetsOptions"/>.
/// </summary>
public sealed class SmsLimitsOptions : IValidatableObject
{
    public const string Section = "SmsLimits";

    public int PerUserDaily { get; set; } = 100;
    public int PerLocationDaily { get; set; } = 500;
    public int PerDealerDaily { get; set; } = 2000;
    /// <summary>
    /// SMS of all tenants per hour. Reaching it refuses only the dealers that sent at least their share of it (this number
    /// divided by the dealers that sent SMS in the hour), so one dealer's flood never stops another's SMS.
    /// </summary>
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
