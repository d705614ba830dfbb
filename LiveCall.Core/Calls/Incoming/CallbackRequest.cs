namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// A customer's wish to be called back: left after an unanswered ring (then <see cref="CallId"/> is set) or
/// outside opening hours. Sellers of the location see it on the dashboard until someone marks it done.
/// </summary>
public sealed class CallbackRequest
{
    public const int MaxNoteLength = 500;

    private CallbackRequest() { }

    public CallbackRequest(Guid dealerId, Guid locationId, Guid? callId, string name, string? phoneE164, string? email, string? note, DateTime createdUtc)
    {
        Id = Guid.NewGuid();
        DealerId = dealerId;
        LocationId = locationId;
        CallId = callId;
        Name = name;
        Phone = phoneE164;
        Email = email;
        Note = note;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }
    public Guid DealerId { get; private set; }
    public Guid LocationId { get; private set; }
    public Guid? CallId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Mobile or landline in E.164, or null.</summary>
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Note { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? DoneUtc { get; set; }
    public string? DoneByUserId { get; set; }
}
