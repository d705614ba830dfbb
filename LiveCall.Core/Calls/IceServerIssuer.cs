using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Calls;

/// <summary>
/// Mints a participant's ICE configuration per join: STUN as configured, TURN with a time-limited
/// credential (coturn REST scheme: username "expiry:participant", password base64(HMAC-SHA1(secret, username))).
/// </summary>
public sealed class IceServerIssuer(IOptions<IceOptions> options, TimeProvider time)
{
    public IceConfiguration For(Guid participantId, ParticipantKind kind)
    {
        var o = options.Value;
        var servers = new List<IceServer>();
        if (o.StunUrls.Length > 0) servers.Add(new IceServer(o.StunUrls));
        if (o.TurnUrls.Length > 0 && o.TurnSecret is { Length: > 0 } secret)
        {
            var expiry = time.GetUtcNow().Add(o.CredentialLifetime).ToUnixTimeSeconds();
            var username = string.Create(CultureInfo.InvariantCulture, $"{expiry}:{participantId:N}");
            var credential = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
            servers.Add(new IceServer(o.TurnUrls, username, credential));
        }
        var relay = o.ForceRelay && kind != ParticipantKind.Staff;
        return new IceConfiguration(servers, relay ? "relay" : "all");
    }
}
