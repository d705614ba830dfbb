using LiveCall.Core.Secrets;

namespace LiveCall.Core.Notifications.Push;

/// <summary>The application server's VAPID key pair (RFC 8292), generated on first run. One row.</summary>
public sealed class VapidKeyPair
{
    public const int SingletonId = 1;

    private VapidKeyPair() { }

    public VapidKeyPair(string publicKey, string privateKey, DateTime createdUtc)
    {
        Id = SingletonId;
        PublicKey = publicKey;
        PrivateKey = privateKey;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }
    /// <summary>Uncompressed P-256 point, base64url: the browser's applicationServerKey.</summary>
    public string PublicKey { get; private set; } = "";
    /// <summary>The private scalar d, base64url, sealed with <see cref="AtRestKeys"/> (<see cref="Purpose"/>). Never logged, never sent.</summary>
    public string PrivateKey { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }

    public const string Purpose = "LiveCall.Vapid.PrivateKey";

    /// <summary>The private scalar d, base64url (a value stored before sealing was on is read as it is).</summary>
    public string OpenPrivateKey(AtRestKeys keys) => AtRestKeys.IsSealed(PrivateKey) ? keys.Open(PrivateKey, Purpose) : PrivateKey;

    /// <summary>Seals the private key with the current key (again, after a rotation).</summary>
    public void SealPrivateKey(AtRestKeys keys) => PrivateKey = keys.Seal(OpenPrivateKey(keys), Purpose);
}
