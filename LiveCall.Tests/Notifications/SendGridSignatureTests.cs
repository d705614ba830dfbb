using System.Text;
using LiveCall.Core.Notifications.Email;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Notifications;

public sealed class SendGridSignatureTests
{
    private static readonly System.Text.Json.JsonElement V = Vectors.Load("sendgrid-event-webhook.json");

    [Fact]
    public void Verify_PublishedDelivery_IsValid()
    {
        Assert.True(SendGridWebhookVerifier.Verify(V.Text("public_key_spki_base64"), V.Text("timestamp"),
            Encoding.UTF8.GetBytes(V.Text("body")), V.Text("signature_base64_der")));
    }

    [Fact]
    public void Verify_WithOtherTimestamp_IsInvalid()
    {
        Assert.False(SendGridWebhookVerifier.Verify(V.Text("public_key_spki_base64"), V.Text("invalid_with_timestamp"),
            Encoding.UTF8.GetBytes(V.Text("body")), V.Text("signature_base64_der")));
    }

    [Fact]
    public void Verify_WithOneChangedBodyByte_IsInvalid()
    {
        var body = Encoding.UTF8.GetBytes(V.Text("body"));
        body[10] ^= 0x01;

        Assert.False(SendGridWebhookVerifier.Verify(V.Text("public_key_spki_base64"), V.Text("timestamp"), body, V.Text("signature_base64_der")));
    }

    [Fact]
    public void Verify_WithGarbageSignature_IsInvalid()
    {
        Assert.False(SendGridWebhookVerifier.Verify(V.Text("public_key_spki_base64"), V.Text("timestamp"),
            Encoding.UTF8.GetBytes(V.Text("body")), "not base64!"));
    }
}
