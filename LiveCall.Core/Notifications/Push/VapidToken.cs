using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveCall.Core.Notifications.Push;

/// <summary>VAPID (RFC 8292): an ES256 JWT for the push service's origin, sent as <c>vapid t=…, k=…</c>.</summary>
public static class VapidToken
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"typ":"JWT","alg":"ES256"}""");

    public static string CreateJwt(string audience, DateTimeOffset expires, string subject, ECDsa key)
    {
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Claims(audience, expires.ToUnixTimeSeconds(), subject));
        var signingInput = $"{Base64Url.EncodeToString(Header)}.{Base64Url.EncodeToString(claims)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256); // IEEE P1363 r||s
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public static string AuthorizationHeader(string jwt, string publicKeyBase64Url) => $"vapid t={jwt}, k={publicKeyBase64Url}";

    /// <summary>The origin of an endpoint URL: the JWT audience.</summary>
    public static string Audience(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>Checks an ES256 JWT's signature with an uncompressed P-256 public key (base64url).</summary>
    public static bool Verify(string jwt, string publicKeyBase64Url)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return false;
        using var key = ECDsa.Create(WebPushEncryptor.PublicParameters(Base64Url.DecodeFromChars(publicKeyBase64Url)));
        return key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256);
    }

    private sealed record Claims(
        [property: JsonPropertyName("aud")] string Aud,
        [property: JsonPropertyName("exp")] long Exp,
        [property: JsonPropertyName("sub")] string Sub);
}
