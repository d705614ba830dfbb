using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveCall.Core.Notifications.Push;

/// <summary>Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), one record.</summary>
public static class WebPushEncryptor
{
    private const int TagLength = 16;
    private const int HeaderLength = 16 + 4 + 1 + 65;

    /// <summary>Encrypts with a fresh ephemeral key and salt.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] uaPublic, byte[] authSecret, int recordSize = 4096)
    {
        using var asKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(plaintext, uaPublic, authSecret, asKey, RandomNumberGenerator.GetBytes(16), recordSize);
    }

    /// <summary>Encrypts with a given application-server key pair and salt (deterministic; for known-answer tests).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] uaPublic, byte[] authSecret, ECDiffieHellman asKey, byte[] salt, int recordSize = 4096)
    {
        if (plaintext.Length + 1 + TagLength > recordSize || recordSize < 18)
            throw new ArgumentException("The payload does not fit in one record.", nameof(plaintext));
        var asPublic = PublicKeyBytes(asKey);
        var keys = DeriveKeys(uaPublic, authSecret, asKey, salt);

        var padded = new byte[plaintext.Length + 1];
        plaintext.CopyTo(padded);
        padded[^1] = 0x02; // delimiter of the last (only) record, no padding

        var body = new byte[HeaderLength + padded.Length + TagLength];
        salt.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16, 4), (uint)recordSize);
        body[20] = (byte)asPublic.Length;
        asPublic.CopyTo(body, 21);
        using var aes = new AesGcm(keys.Cek, TagLength);
        aes.Encrypt(keys.Nonce, padded, body.AsSpan(HeaderLength, padded.Length), body.AsSpan(HeaderLength + padded.Length, TagLength));
        return body;
    }

    public static WebPushKeys DeriveKeys(byte[] uaPublic, byte[] authSecret, ECDiffieHellman asKey, byte[] salt)
    {
        using var ua = ECDiffieHellman.Create(PublicParameters(uaPublic));
        var ecdhSecret = asKey.DeriveRawSecretAgreement(ua.PublicKey);
        var prkKey = HKDF.Extract(HashAlgorithmName.SHA256, ecdhSecret, authSecret);
        var keyInfo = Concat(Encoding.ASCII.GetBytes("WebPush: info\0"), uaPublic, PublicKeyBytes(asKey));
        var ikm = HKDF.Expand(HashAlgorithmName.SHA256, prkKey, 32, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));
        return new WebPushKeys(ecdhSecret, prkKey, ikm, prk, cek, nonce);
    }

    /// <summary>The uncompressed point 0x04 || X || Y.</summary>
    public static byte[] PublicKeyBytes(ECAlgorithm key)
    {
        var p = key.ExportParameters(false).Q;
        return Concat([0x04], p.X!, p.Y!);
    }

    /// <summary>Curve parameters for an uncompressed P-256 point, optionally with the private scalar.</summary>
    public static ECParameters PublicParameters(byte[] uncompressed, byte[]? d = null)
    {
        if (uncompressed.Length != 65 || uncompressed[0] != 0x04)
            throw new CryptographicException("Expected an uncompressed P-256 point.");
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..] },
            D = d,
        };
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
