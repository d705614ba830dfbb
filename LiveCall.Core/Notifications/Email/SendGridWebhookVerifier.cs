using System.Security.Cryptography;
using System.Text;

namespace LiveCall.Core.Notifications.Email;

/// <summary>
/// Verifies SendGrid's signed event webhook: ECDSA P-256 / SHA-256 over the timestamp header
/// followed by the raw body, signature base64 DER. Check before parsing anything.
/// </summary>
public static class SendGridWebhookVerifier
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public static bool Verify(string publicKeyBase64, string? timestamp, ReadOnlySpan<byte> rawBody, string? signatureBase64)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureBase64)) return false;
        if (!TryLoadKey(publicKeyBase64, out var key)) return false;
        using (key)
        {
            byte[] signature;
            try { signature = Convert.FromBase64String(signatureBase64); }
            catch (FormatException) { return false; }

            var ts = Encoding.UTF8.GetBytes(timestamp);
            var signed = new byte[ts.Length + rawBody.Length];
            ts.CopyTo(signed, 0);
            rawBody.CopyTo(signed.AsSpan(ts.Length));
            return key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    public static bool TryLoadKey(string publicKeyBase64, out ECDsa key)
    {
        key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64.Trim()), out _);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            key.Dispose();
            return false;
        }
    }
}
