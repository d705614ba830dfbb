using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Sms;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Notifications;

public sealed class WebhookTests
{
    private static readonly System.Text.Json.JsonElement V = Vectors.Load("sendgrid-event-webhook.json");

    private static async Task<Guid> SeedSentAsync(WebhookHost host, OutboxChannel channel, string providerId)
    {
        await using var ctx = await host.DbAsync();
        var m = new OutboxMessage(channel, OutboxPurpose.IncomingCall, "x", "s", "t", null, null, null, TestClock.Start.UtcDateTime)
        {
            Status = OutboxStatus.Sent,
            ProviderMessageId = providerId,
        };
        ctx.Outbox.Add(m);
        await ctx.SaveChangesAsync();
        return m.Id;
    }

    private static HttpRequestMessage SignedPost(string body, string timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridWebhookVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SendGridWebhookVerifier.SignatureHeader, signature);
        return request;
    }

    private static string Sign(ECDsa key, string timestamp, string body) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    [Fact]
    public async Task SendGridWebhook_WithPublishedVectorDelivery_IsAccepted()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(V.Text("timestamp")));
        await using var host = await WebhookHost.StartAsync(at, new() { ["SendGrid:WebhookPublicKey"] = V.Text("public_key_spki_base64") });

        var ok = await host.Client.SendAsync(SignedPost(V.Text("body"), V.Text("timestamp"), V.Text("signature_base64_der")));
        var stale = await host.Client.SendAsync(SignedPost(V.Text("body"), V.Text("invalid_with_timestamp"), V.Text("signature_base64_der")));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task SendGridWebhook_WithValidSignature_AppliesEventsAndStoresAReplayOnce()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var host = await WebhookHost.StartAsync(TestClock.Start,
            new() { ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) });
        var delivered = await SeedSentAsync(host, OutboxChannel.Email, "msg-a");
        var bounced = await SeedSentAsync(host, OutboxChannel.Email, "msg-b");
        var body = $$"""
            [{"email":"a@dealer.example","timestamp":1795424400,"event":"delivered","sg_event_id":"ev-1","sg_message_id":"msg-a.filter1","outbox_id":"{{delivered}}"},
             {"email":"b@dealer.example","timestamp":1795424400,"event":"bounce","reason":"550 5.1.1 unknown user","sg_event_id":"ev-2","sg_message_id":"msg-b.filter1"}]
            """;
        var ts = TestClock.Start.ToUnixTimeSeconds().ToString();

        var first = await host.Client.SendAsync(SignedPost(body, ts, Sign(key, ts, body)));
        var replay = await host.Client.SendAsync(SignedPost(body, ts, Sign(key, ts, body)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(2, await db.ProcessedWebhookEvents.CountAsync());
        Assert.Equal(OutboxStatus.Delivered, (await db.Outbox.SingleAsync(m => m.Id == delivered)).Status);
        var failed = await db.Outbox.SingleAsync(m => m.Id == bounced);
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Equal("SendGrid bounce: 550 5.1.1 unknown user", failed.LastError);
    }

    [Fact]
    public async Task SendGridWebhook_WithOneChangedByte_Returns401AndStoresNothing()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var host = await WebhookHost.StartAsync(TestClock.Start,
            new() { ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) });
        var id = await SeedSentAsync(host, OutboxChannel.Email, "msg-a");
        var body = $$"""[{"event":"delivered","sg_event_id":"ev-1","outbox_id":"{{id}}"}]""";
        var ts = TestClock.Start.ToUnixTimeSeconds().ToString();
        var signature = Sign(key, ts, body);

        var response = await host.Client.SendAsync(SignedPost(body.Replace("ev-1", "ev-2"), ts, signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.ProcessedWebhookEvents.CountAsync());
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync(m => m.Id == id)).Status);
    }

    [Fact]
    public async Task SendGridWebhook_WithoutConfiguredKey_RefusesEverything()
    {
        await using var host = await WebhookHost.StartAsync(TestClock.Start, []);

        var response = await host.Client.SendAsync(SignedPost("[]", "1", "MEUCIQ=="));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Dictionary<string, string> Receipt(Guid id, string status, DateTimeOffset at) => new()
    {
        ["msisdn"] = "4915112345678",
        ["to"] = "LiveCall",
        ["network-code"] = "26201",
        ["messageId"] = "0A0000000123ABCD1",
        ["price"] = "0.07",
        ["status"] = status,
        ["scts"] = "2611230900",
        ["err-code"] = "0",
        ["client-ref"] = id.ToString("N"),
        ["message-timestamp"] = "2026-11-23 09:00:00",
        ["timestamp"] = at.ToUnixTimeSeconds().ToString(),
        ["nonce"] = "2b3f5b6e-1e5c-4a0b-9a4d-2b1c0f9a8e7d",
    };

    [Theory]
    [InlineData("md5hash")]
    [InlineData("sha256")]
    public async Task VonageReceipt_WithValidSignature_MarksDelivered(string method)
    {
        await using var host = await WebhookHost.StartAsync(TestClock.Start,
            new() { ["Vonage:SignatureSecret"] = "sig-secret", ["Vonage:SignatureMethod"] = method });
        var id = await SeedSentAsync(host, OutboxChannel.Sms, "0A0000000123ABCD1");
        var fields = Receipt(id, "delivered", TestClock.Start);
        fields["sig"] = VonageSignature.Compute(fields, "sig-secret", method);

        var response = await host.Client.PostAsync("/webhooks/vonage/delivery-receipt", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(OutboxStatus.Delivered, (await db.Outbox.SingleAsync(m => m.Id == id)).Status);
    }

    [Fact]
    public async Task VonageReceipt_WithTamperedField_Returns401AndChangesNothing()
    {
        await using var host = await WebhookHost.StartAsync(TestClock.Start, new() { ["Vonage:SignatureSecret"] = "sig-secret" });
        var id = await SeedSentAsync(host, OutboxChannel.Sms, "0A0000000123ABCD1");
        var fields = Receipt(id, "failed", TestClock.Start);
        fields["sig"] = VonageSignature.Compute(fields, "sig-secret", "md5hash");
        fields["status"] = "delivered";

        var response = await host.Client.GetAsync("/webhooks/vonage/delivery-receipt?" + await new FormUrlEncodedContent(fields).ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync(m => m.Id == id)).Status);
    }

    [Fact]
    public async Task VonageReceipt_Unsigned_WithoutSignatureSecret_Returns401AndChangesNothing()
    {
        await using var host = await WebhookHost.StartAsync(TestClock.Start, []);
        var id = await SeedSentAsync(host, OutboxChannel.Sms, "0A0000000123ABCD1");

        var response = await host.Client.PostAsJsonAsync("/webhooks/vonage/delivery-receipt", Receipt(id, "delivered", TestClock.Start));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync(m => m.Id == id)).Status);
    }

    [Fact]
    public async Task AcceptUnsignedReceipts_OutsideDevelopment_RefusesToStart()
    {
        var error = await Record.ExceptionAsync(() => WebhookHost.StartAsync(TestClock.Start, new() { ["Vonage:AcceptUnsignedReceipts"] = "true" }));

        Assert.Contains("Vonage:AcceptUnsignedReceipts is allowed only in Development", error?.ToString());
    }

    [Fact]
    public async Task VonageReceipt_ChunkedBodyOverTheLimit_Returns413AndChangesNothing()
    {
        await using var host = await WebhookHost.StartAsync(TestClock.Start, new() { ["Vonage:AcceptUnsignedReceipts"] = "true" }, "Development");
        var id = await SeedSentAsync(host, OutboxChannel.Sms, "0A0000000123ABCD1");
        var fields = Receipt(id, "failed", TestClock.Start);
        fields["padding"] = new string('x', 100 * 1024);
        var body = new MemoryStream(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(fields)));
        var content = new StreamContent(body) { Headers = { ContentType = new("application/json") } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/vonage/delivery-receipt") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await host.Client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using var db = await host.DbAsync();
        Assert.Equal(OutboxStatus.Sent, (await db.Outbox.SingleAsync(m => m.Id == id)).Status);
    }

    [Fact]
    public async Task VonageReceipt_Failed_Unsigned_InDevelopmentWithTheSwitch_MarksFailedWithErrorCode()
    {
        await using var host = await WebhookHost.StartAsync(TestClock.Start, new() { ["Vonage:AcceptUnsignedReceipts"] = "true" }, "Development");
        var id = await SeedSentAsync(host, OutboxChannel.Sms, "0A0000000123ABCD1");
        var fields = Receipt(id, "failed", TestClock.Start);
        fields["err-code"] = "6";

        var response = await host.Client.PostAsJsonAsync("/webhooks/vonage/delivery-receipt", fields);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = await host.DbAsync();
        var message = await db.Outbox.SingleAsync(m => m.Id == id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal("Vonage receipt: failed (err-code 6)", message.LastError);
    }
}
