namespace LiveCall.Core.Users;

/// <summary>One open staff circuit (dashboard tab) on one app instance, kept fresh by a heartbeat.</summary>
public sealed class StaffPresence
{
    private StaffPresence() { }

    public StaffPresence(string circuitId, string instanceId, string userId, Guid? dealerId, Guid? locationId, DateTime nowUtc)
    {
        CircuitId = circuitId;
        InstanceId = instanceId;
        UserId = userId;
        DealerId = dealerId;
        LocationId = locationId;
        OpenedUtc = nowUtc;
        LastSeenUtc = nowUtc;
    }

    public string CircuitId { get; private set; } = "";
    public string InstanceId { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public Guid? DealerId { get; private set; }
    public Guid? LocationId { get; private set; }
    public DateTime OpenedUtc { get; private set; }
    public DateTime LastSeenUtc { get; set; }
}
