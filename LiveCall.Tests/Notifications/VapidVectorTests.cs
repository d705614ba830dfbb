using System.Buffers.Text;
using System.Security.Cryptography;
using LiveCall.Core.Notifications.Push;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Notifications;

public sealed class VapidVectorTests
{
    private static readonly System.Text.Json.JsonElement V = Vectors.Load("vapid-rfc8292.json");

    [Fact]
    public void Verify_Rfc8292ExampleJwt_WithPublishedKey_Succeeds()
    {
        Assert.True(VapidToken.Verify(V.Text("jwt"), V.Text("public_key")));
    }

    [Fact]
    public void Verify_Rfc8292ExampleJwt_WithAnotherKey_Fails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(VapidToken.Verify(V.Text("jwt"), Base64Url.EncodeToString(WebPushEncryptor.PublicKeyBytes(other))));
    }

    [Fact]
    public void CreateJwt_WithExampleClaims_HasPublishedHeaderAndClaimsBytes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var claims = V.GetProperty("claims");

        var jwt = VapidToken.CreateJwt(claims.Text("aud"), DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()),
            claims.Text("sub"), key);

        var published = V.Text("jwt").Split('.');
        var ours = jwt.Split('.');
        Assert.Equal(published[0], ours[0]);
        Assert.Equal(published[1], ours[1]);
        Assert.Equal(64, Base64Url.DecodeFromChars(ours[2]).Length);
        Assert.True(VapidToken.Verify(jwt, Base64Url.EncodeToString(WebPushEncryptor.PublicKeyBytes(key))));
    }

    [Fact]
    public void Audience_OfEndpoint_IsItsOrigin()
    {
        Assert.Equal("https://push.example.net", VapidToken.Audience(new Uri("https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV")));
    }
}
