using LiveCall.Core.Notifications.Sms;

namespace LiveCall.Core.Notifications;

/// <summary>The queued message id, or why the SMS was refused (then nothing was queued).</summary>
public sealed record SmsEnqueueResult(Guid? MessageId, SmsRefusal Refusal)
{
    public bool Accepted => Refusal == SmsRefusal.None;
}
