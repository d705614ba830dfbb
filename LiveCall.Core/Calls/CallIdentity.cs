using LiveCall.Core.Tenancy;

namespace LiveCall.Core.Calls;

/// <summary>
/// Who asks to be in a call, as established by the server: a logged-in staff user, or the holder of a
/// valid access token (guest or customer). Nothing a client sends in a message changes this.
/// </summary>
public abstract record CallIdentity
{
    private CallIdentity() { }

    public sealed record Staff(TenantScope Scope, string DisplayName) : CallIdentity;

    /// <summary>A guest or customer whose token was issued for <paramref name="CallId"/> and <paramref name="ParticipantId"/>.</summary>
    public sealed record TokenHolder(Guid CallId, Guid ParticipantId, ParticipantKind Kind, string DisplayName) : CallIdentity;
}
