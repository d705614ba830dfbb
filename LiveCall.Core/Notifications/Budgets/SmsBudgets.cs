namespace LiveCall.Core.Notifications.Budgets;

/// <summary>The SMS budgets ("MessageBudgets:Sms"): ring alerts to sellers apart from FollowUp invitations to guests.</summary>
public sealed class SmsBudgets
{
    public PurposeBudget Ring { get; set; } = PurposeBudget.Of(perLocationHourly: 100, perLocationDaily: 500, perDealerHourly: 300, perDealerDaily: 2000);
    public PurposeBudget Invitation { get; set; } = PurposeBudget.Of(perLocationHourly: 50, perLocationDaily: 200, perDealerHourly: 150, perDealerDaily: 1000);
}
