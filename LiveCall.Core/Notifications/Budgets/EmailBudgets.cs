namespace LiveCall.Core.Notifications.Budgets;

/// <summary>The email budgets ("MessageBudgets:Email"): ring alerts, FollowUp invitations and account mails (activation, reset) apart.</summary>
public sealed class EmailBudgets
{
    public PurposeBudget Ring { get; set; } = PurposeBudget.Of(perLocationHourly: 200, perLocationDaily: 1000, perDealerHourly: 600, perDealerDaily: 4000);
    public PurposeBudget Invitation { get; set; } = PurposeBudget.Of(perLocationHourly: 100, perLocationDaily: 500, perDealerHourly: 300, perDealerDaily: 2000);
    public PurposeBudget Account { get; set; } = PurposeBudget.Of(perLocationHourly: 50, perLocationDaily: 200, perDealerHourly: 200, perDealerDaily: 1000);

    /// <summary>
    /// Emails of all tenants per hour. Reaching it refuses only the dealers that sent at least their share of it (this number
    /// divided by the dealers that sent email in the hour), so one dealer's flood never stops another's mail.
    /// </summary>
    public int GlobalHourly { get; set; } = 5000;
}
