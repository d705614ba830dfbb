using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Calls;

/// <summary>
/// ICE servers for the call client (section "Ice"). With nothing set, calls use host candidates only,
/// which is enough on a LAN or loopback. TURN credentials follow coturn's <c>use-auth-secret</c> REST scheme.
/// </summary>
public sealed class IceOptions : IValidatableObject
{
    public const string Section = "Ice";

    /// <summary>e.g. stun:stun.example.com:3478</summary>
    public string[] StunUrls { get; set; } = [];
    /// <summary>e.g. turn:turn.example.com:3478?transport=udp, turns:turn.example.com:5349</summary>
    public string[] TurnUrls { get; set; } = [];
    /// <summary>coturn's static-auth-secret. From environment or user-secrets only.</summary>
    public string? TurnSecret { get; set; }
    public string? TurnRealm { get; set; }
    /// <summary>How long minted TURN credentials stay valid.</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(4);
    /// <summary>Guests and customers use TURN relay candidates only (hides their address from the dealer side).</summary>
    public bool ForceRelay { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in StunUrls.Where(u => !u.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("stuns:", StringComparison.OrdinalIgnoreCase)))
            yield return new ValidationResult($"Ice:StunUrls entry '{url}' must start with stun: or stuns:.", [nameof(StunUrls)]);
        foreach (var url in TurnUrls.Where(u => !u.StartsWith("turn:", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("turns:", StringComparison.OrdinalIgnoreCase)))
            yield return new ValidationResult($"Ice:TurnUrls entry '{url}' must start with turn: or turns:.", [nameof(TurnUrls)]);
        if (TurnUrls.Length > 0 && string.IsNullOrWhiteSpace(TurnSecret))
            yield return new ValidationResult("Ice:TurnSecret is required when Ice:TurnUrls is set.", [nameof(TurnSecret)]);
        if (ForceRelay && TurnUrls.Length == 0)
            yield return new ValidationResult("Ice:ForceRelay needs Ice:TurnUrls.", [nameof(ForceRelay)]);
        if (CredentialLifetime < TimeSpan.FromMinutes(5) || CredentialLifetime > TimeSpan.FromDays(2))
            yield return new ValidationResult("Ice:CredentialLifetime must be between 5 minutes and 2 days.", [nameof(CredentialLifetime)]);
    }
}
