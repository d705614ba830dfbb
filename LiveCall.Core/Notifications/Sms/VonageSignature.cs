using System.Security.Cryptography;
using System.Text;

namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// Vonage's signed-request scheme: the parameters except <c>sig</c>, sorted by name, joined as
/// <c>&amp;key=value</c> with '&amp;' and '=' in values replaced by '_'; then either MD5 of that string
/// followed by the secret ("md5hash"), or an HMAC keyed by the secret. Hex, compared case-insensitively.
/// </summary>
public static class VonageSignature
{
    public static bool IsKnownMethod(string method) => method is "md5hash" or "md5" or "sha1" or "sha256" or "sha512";

    public static string Compute(IEnumerable<KeyValuePair<string, string>> parameters, string secret, string method)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters.Where(p => p.Key != "sig").OrderBy(p => p.Key, StringComparer.Ordinal))
            query.Append('&').Append(name).Append('=').Append(value.Replace('&', '_').Replace('=', '_'));
        var data = Encoding.UTF8.GetBytes(query.ToString());
        var key = Encoding.UTF8.GetBytes(secret);
        var hash = method switch
        {
            "md5hash" => MD5.HashData(Encoding.UTF8.GetBytes(query + secret)),
            "md5" => HMACMD5.HashData(key, data),
            "sha1" => HMACSHA1.HashData(key, data),
            "sha256" => HMACSHA256.HashData(key, data),
            "sha512" => HMACSHA512.HashData(key, data),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown Vonage signature method"),
        };
        return Convert.ToHexString(hash);
    }

    public static bool Verify(IReadOnlyDictionary<string, string> parameters, string secret, string method)
    {
        if (!parameters.TryGetValue("sig", out var sig) || string.IsNullOrEmpty(sig)) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(parameters, secret, method));
        var actual = Encoding.ASCII.GetBytes(sig.ToUpperInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
