using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Budgets;

/// <summary>
/// How many messages of one kind (ring alerts, invitations, account mails) on one channel a location and a dealer may queue
/// per hour and per day (the last 60 minutes and 24 hours). Zero allows none.
/// </summary>
public sealed class PurposeBudget
{
    public int PerLocationHourly { get; set; }
    public int PerLocationDaily { get; set; }
    public int PerDealerHourly { get; set; }
    public int PerDealerDaily { get; set; }

    public static PurposeBudget Of(int perLocationHourly, int perLocationDaily, int perDealerHourly, int perDealerDaily) => new()
    {
        PerLocationHourly = perLocationHourly,
        PerLocationDaily = perLocationDaily,
        PerDealerHourly = perDealerHourly,
        PerDealerDaily = perDealerDaily,
    };

    /// <summary>One message per wrong setting, named by its full key (e.g. "MessageBudgets:Sms:Ring:PerLocationHourly").</summary>
    public IEnumerable<ValidationResult> Validate(string section, string prefix)
    {
        if (PerLocationHourly < 0) yield return ValidatedOptions.Error(section, $"{prefix}:{nameof(PerLocationHourly)}", "must not be negative.");
        if (PerLocationDaily < PerLocationHourly)
            yield return ValidatedOptions.Error(section, $"{prefix}:{nameof(PerLocationDaily)}", $"must not be less than {section}:{prefix}:{nameof(PerLocationHourly)}.");
        if (PerDealerHourly < PerLocationHourly)
            yield return ValidatedOptions.Error(section, $"{prefix}:{nameof(PerDealerHourly)}", $"must not be less than {section}:{prefix}:{nameof(PerLocationHourly)}.");
        if (PerDealerDaily < PerDealerHourly)
            yield return ValidatedOptions.Error(section, $"{prefix}:{nameof(PerDealerDaily)}", $"must not be less than {section}:{prefix}:{nameof(PerDealerHourly)}.");
    }
}
