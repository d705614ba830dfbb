using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

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
        var (claims, problem) = VapidHeader.Read(request);
        if (claims is null) throw new InvalidOperationException(problem);
        var payload = Encoding.UTF8.GetString(WebPushDecryptor.Decrypt(request.Body, UaKey, Auth));
        return new ReceivedPush(claims.Audience, claims.Expires, claims.Subject, payload,
            request.Headers["TTL"], request.Headers["Urgency"], request.Headers["Topic"]);
    }

    public void Dispose() => UaKey.Dispose();
}
