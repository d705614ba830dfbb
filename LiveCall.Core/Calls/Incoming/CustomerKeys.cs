using System.Security.Cryptography;
using System.Text;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// Who starts an incoming call, as the customer limits see it: this browser (a random id in a cookie), the contact given (phone
/// or email) and the client network (an IPv4 address or an IPv6 /64). Stored on the call only as hashes, so the keys
/// compare without keeping a second copy of an address.
/// </summary>
public sealed record CustomerKeys(string? Browser, string? Contact, string? Network)
{
    public static readonly CustomerKeys None = new(null, null, null);

    /// <summary>The keys as the call stores them: "kind:value" hashed (SHA-256, base64, 44 characters); null stays null.</summary>
    public CustomerKeys Hashed() => new(Hash("browser", Browser), Hash("contact", Contact), Hash("network", Network));

    private static string? Hash(string kind, string? value) =>
        string.IsNullOrEmpty(value) ? null : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{value}")));
}
