using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Notifications;

public sealed class WebPushVectorTests
{
    private static readonly System.Text.Json.JsonElement V = Vectors.Load("webpush-rfc8291.json");

    private static ECDiffieHellman Key(string privateName, string publicName) =>
        ECDiffieHellman.Create(WebPushEncryptor.PublicParameters(V.B64Url(publicName), V.B64Url(privateName)));

    [Fact]
    public void DeriveKeys_WithRfc8291Inputs_MatchesEveryPublishedIntermediate()
    {
        using var asKey = Key("as_private", "as_public");

        var keys = WebPushEncryptor.DeriveKeys(V.B64Url("ua_public"), V.B64Url("auth_secret"), asKey, V.B64Url("salt"));

        Assert.Equal(V.Text("ecdh_secret"), Base64Url.EncodeToString(keys.EcdhSecret));
        Assert.Equal(V.Text("prk_key"), Base64Url.EncodeToString(keys.PrkKey));
        Assert.Equal(V.Text("ikm"), Base64Url.EncodeToString(keys.Ikm));
        Assert.Equal(V.Text("prk"), Base64Url.EncodeToString(keys.Prk));
        Assert.Equal(V.Text("cek"), Base64Url.EncodeToString(keys.Cek));
        Assert.Equal(V.Text("nonce"), Base64Url.EncodeToString(keys.Nonce));
    }

    [Fact]
    public void Encrypt_WithRfc8291Inputs_MatchesPublishedBodyByteForByte()
    {
        using var asKey = Key("as_private", "as_public");

        var body = WebPushEncryptor.Encrypt(Encoding.UTF8.GetBytes(V.Text("plaintext_utf8")), V.B64Url("ua_public"),
            V.B64Url("auth_secret"), asKey, V.B64Url("salt"), V.GetProperty("record_size").GetInt32());

        Assert.Equal(V.B64Url("body"), body);
    }

    [Fact]
    public void Decrypt_PublishedBody_WithUserAgentKey_GivesPublishedPlaintext()
    {
        using var uaKey = Key("ua_private", "ua_public");

        var plain = WebPushDecryptor.Decrypt(V.B64Url("body"), uaKey, V.B64Url("auth_secret"));

        Assert.Equal(V.Text("plaintext_utf8"), Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void Encrypt_WithFreshKeys_IsDecryptedByTheUserAgent()
    {
        using var uaKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);

        var body = WebPushEncryptor.Encrypt("{\"title\":\"Anruf\"}"u8, WebPushEncryptor.PublicKeyBytes(uaKey), auth);

        Assert.Equal("{\"title\":\"Anruf\"}", Encoding.UTF8.GetString(WebPushDecryptor.Decrypt(body, uaKey, auth)));
    }
}
