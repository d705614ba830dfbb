using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveCall.Tests.Support;

/// <summary>The claims of a VAPID JWT (RFC 8292) whose ES256 signature verified against the header's <c>k</c>.</summary>
public sealed record VapidClaims(string Audience, long Expires, string Subject);

/// <summary>Reads <c>Authorization: vapid t=…, k=…</c> as a push service does, written independently of the app.</summary>
public static class VapidHeader
{
    /// <summary>The verified claims, or null with the reason when the header is missing, malformed or not signed by <c>k</c>.</summary>
    public static (VapidClaims? Claims, string? Problem) Read(RecordedRequest request)
    {
        if (!request.Headers.TryGetValue("Authorization", out var auth) || !auth.StartsWith("vapid t=", StringComparison.Ordinal))
            return (null, "not a vapid header");
        try
        {
            var parts = auth["vapid ".Length..].Split(", ").ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);
            var jwt = parts["t"].Split('.');
            if (jwt.Length != 3) return (null, "not a JWT");
            var k = Base64Url.DecodeFromChars(parts["k"]);
            if (k.Length != 65 || k[0] != 4) return (null, "k is not an uncompressed P-256 key");
            using var serverKey = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = k[1..33], Y = k[33..] },
            });
            if (!serverKey.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256))
                return (null, "VAPID signature does not verify");
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "ES256") return (null, "alg is not ES256");
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1]));
            var root = claims.RootElement;
            return (new VapidClaims(root.GetProperty("aud").GetString()!, root.GetProperty("exp").GetInt64(), root.GetProperty("sub").GetString()!), null);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return (null, $"malformed: {e.Message}");
        }
    }
}
