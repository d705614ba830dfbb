using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveCall.Tests.Support;

/// <summary>What a push service and the browser behind it see: the checked VAPID claims and the decrypted payload.</summary>
public sealed record ReceivedPush(string Audience, long Expires, string Subject, string Payload, string Ttl, string Urgency, string Topic);

/// <summary>A browser's subscription keys plus the push-service side checks, written independently of the app.</summary>
public sealed class PushStandIn : IDisposable
{
    public ECDiffieHellman UaKey { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);

    public string P256dh
    {
        get
        {
            var q = UaKey.ExportParameters(false).Q;
            return Base64Url.EncodeToString(new byte[] { 4 }.Concat(q.X!).Concat(q.Y!).ToArray());
        }
    }

    public string AuthText => Base64Url.EncodeToString(Auth);

    /// <summary>Verifies the VAPID header like a push service and decrypts like the browser; throws on any mismatch.</summary>
    public ReceivedPush Open(RecordedRequest request)
    {
        if (request.Headers["Content-Encoding"] != "aes128gcm") throw new InvalidOperationException("wrong content coding");
        var auth = request.Headers["Authorization"];
        if (!auth.StartsWith("vapid t=", StringComparison.Ordinal)) throw new InvalidOperationException("not a vapid header");
        var parts = auth["vapid ".Length..].Split(", ").ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);
        var jwt = parts["t"].Split('.');
        var k = Base64Url.DecodeFromChars(parts["k"]);
        using var serverKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = k[1..33], Y = k[33..] },
        });
        if (!serverKey.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256))
            throw new InvalidOperationException("VAPID signature does not verify");
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "ES256") throw new InvalidOperationException("alg");
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1]));
        var payload = Encoding.UTF8.GetString(WebPushDecryptor.Decrypt(request.Body, UaKey, Auth));
        return new ReceivedPush(claims.RootElement.GetProperty("aud").GetString()!, claims.RootElement.GetProperty("exp").GetInt64(),
            claims.RootElement.GetProperty("sub").GetString()!, payload,
            request.Headers["TTL"], request.Headers["Urgency"], request.Headers["Topic"]);
    }

    public void Dispose() => UaKey.Dispose();
}
