using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Notifications.Budgets;

/// <summary>
/// Per-location and per-dealer budgets by kind of message (section "MessageBudgets"), so that ring alerts a stranger causes
/// cannot use up what FollowUp invitations or account mails need, and one tenant's flood stays that tenant's problem.
/// SMS also pass <see cref="Sms.SmsLimitsOptions"/> (country, cooldown, per-user cap, the global hourly cap).
/// </summary>
public sealed class MessageBudgetsOptions : IValidatableObject
{
    public const string Section = "MessageBudgets";

    public SmsBudgets Sms { get; set; } = new();
    public EmailBudgets Email { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = Sms.Ring.Validate(Section, "Sms:Ring")
            .Concat(Sms.Invitation.Validate(Section, "Sms:Invitation"))
            .Concat(Email.Ring.Validate(Section, "Email:Ring"))
            .Concat(Email.Invitation.Validate(Section, "Email:Invitation"))
            .Concat(Email.Account.Validate(Section, "Email:Account"));
        foreach (var error in errors) yield return error;
        if (Email.GlobalHourly < 0) yield return ValidatedOptions.Error(Section, "Email:GlobalHourly", "must not be negative.");
    }
}
