namespace LiveCall.Core.Notifications;

/// <summary>
/// The queued message id, or (null and) why the SMS or email was refused: then the message is kept as refused (with the reason, for the
/// Outbox page) and reaches no provider.
/// </summary>
public sealed record EnqueueResult(Guid? MessageId, SendRefusal Refusal)
{
    public bool Accepted => Refusal == SendRefusal.None;
}
