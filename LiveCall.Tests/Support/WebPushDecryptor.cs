using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveCall.Tests.Support;

/// <summary>
/// The user agent's side of RFC 8291, written independently of the app's encryptor: decrypts an
/// aes128gcm body with the subscription's private key, as a browser would.
/// </summary>
public static class WebPushDecryptor
{
    public static byte[] Decrypt(byte[] body, ECDiffieHellman uaKey, byte[] authSecret)
    {
        var salt = body[..16];
        var rs = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLen = body[20];
        var asPublic = body[21..(21 + idLen)];
        var ciphertext = body[(21 + idLen)..];
        if (ciphertext.Length > rs) throw new CryptographicException("more than one record");

        var q = uaKey.ExportParameters(false).Q;
        var uaPublic = new byte[] { 4 }.Concat(q.X!).Concat(q.Y!).ToArray();
        using var asKey = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = asPublic[1..33], Y = asPublic[33..] },
        });
        var ecdh = uaKey.DeriveRawSecretAgreement(asKey.PublicKey);
        var prkKey = HMACSHA256.HashData(authSecret, ecdh);
        var ikm = HMACSHA256.HashData(prkKey, Encoding.ASCII.GetBytes("WebPush: info\0").Concat(uaPublic).Concat(asPublic).Append((byte)1).ToArray());
        var prk = HMACSHA256.HashData(salt, ikm);
        var cek = HMACSHA256.HashData(prk, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0\u0001"))[..16];
        var nonce = HMACSHA256.HashData(prk, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0\u0001"))[..12];

        var plain = new byte[ciphertext.Length - 16];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(nonce, ciphertext[..^16], ciphertext[^16..], plain);
        var end = Array.LastIndexOf(plain, (byte)2);
        if (end < 0 || plain[(end + 1)..].Any(b => b != 0)) throw new CryptographicException("bad padding delimiter");
        return plain[..end];
    }
}
