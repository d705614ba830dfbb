using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Sms;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// What a ring's SMS, push and email say, as the real outbox holds them: the customer's name (cleaned at input, no link
/// in any message), the location and the seller's accept link; the email also "I'm away for today"; the SMS in two messages.
/// </summary>
public sealed class RingMessageTextTests(ITestOutputHelper output)
{
    private const string Phishing = "Login expired: https://evil.example/reset";

    [Fact]
    public async Task Ring_WithAPhishingName_QueuesSmsPushAndEmailWithTheNameDefused()
    {
        await using var app = await ServiceHost.StartAsync(o => o.Settings["WebPush:AllowedHosts:0"] = "push.example.com");
        var seller1 = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;
        using var device = new PushStandIn();
        await app.Get<Core.Notifications.Push.PushSubscriptions>().SubscribeAsync(seller1, "https://push.example.com/d", device.P256dh, device.AuthText, "test", default);

        var callId = await app.Data.RingAsync(Phishing, TestData.Seller1);

        var messages = await app.Data.MessagesAsync(callId);
        var sms = messages.Single(m => m.Channel == OutboxChannel.Sms);
        var push = messages.Single(m => m.Channel == OutboxChannel.Push);
        var email = messages.Single(m => m.Channel == OutboxChannel.Email);
        Assert.StartsWith("Video call (Demo Motors): Login expired: evil[.]example/reset is waiting at Downtown. Accept: http://livecall.test/r/", sms.TextBody);
        Assert.Contains("\"body\":\"Login expired: evil[.]example/reset is waiting at Downtown\"", push.TextBody);
        Assert.Equal("Incoming video call: Login expired: evil[.]example/reset is waiting at Downtown", email.Subject);
        Assert.Contains("Login expired: evil[.]example/reset is waiting for a video call at Downtown.", email.TextBody);
        foreach (var body in new[] { sms.TextBody, push.TextBody, email.Subject!, email.TextBody, email.HtmlBody! })
        {
            Assert.DoesNotContain("https://evil", body);
            Assert.DoesNotContain("evil.example", body);
        }
        // The stored name is the customer's text (no link defused there), for the dashboard's missed-call list.
        Assert.Equal(Phishing, await CustomerNameAsync(app, callId));
    }

    [Fact]
    public async Task Ring_WithBidiZeroWidthAndControlCharacters_StoresAndSendsTheCleanName()
    {
        await using var app = await ServiceHost.StartAsync();

        var callId = await app.Data.RingAsync("\u202EClara\u200B Kunde\u2066\r\n", TestData.Seller1);

        Assert.Equal("Clara Kunde", await CustomerNameAsync(app, callId));
        var messages = await app.Data.MessagesAsync(callId);
        Assert.Contains("Clara Kunde is waiting at Downtown", messages.Single(m => m.Channel == OutboxChannel.Sms).TextBody);
        Assert.Contains("Clara Kunde is waiting for a video call at Downtown.", messages.Single(m => m.Channel == OutboxChannel.Email).TextBody);
        Assert.All(messages, m => Assert.DoesNotContain('\u202E', m.TextBody + m.HtmlBody + m.Subject));
    }

    [Fact]
    public async Task Ring_WithANameOfInvisibleCharactersOnly_IsRefusedAsEmpty()
    {
        await using var app = await ServiceHost.StartAsync();
        await app.Data.OpenDashboardAsync(TestData.Seller1);

        var start = await app.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "downtown", "\u202E\u200B\u2060 \r\n", default);

        Assert.Equal(RingRefusal.InvalidName, start.Refusal);
        Assert.Equal(Core.Admin.ErrorKeys.Required, start.FieldErrors[CustomerContactRules.NameField]);
    }

    [Theory]
    [InlineData("en", "Accept the call", "I&#x27;m away for today", "I'm away for today: ")]
    [InlineData("de", "Anruf annehmen", "Ich bin heute abwesend", "Ich bin heute abwesend: ")]
    public async Task Ring_Email_OffersImAwayForToday_BesideTheAcceptLink(string language, string accept, string awayHtml, string awayText)
    {
        await using var app = await ServiceHost.StartAsync();
        await SetLanguageAsync(app, TestData.Seller1, language);

        var callId = await app.Data.RingAsync("Clara Kunde", TestData.Seller1);

        var messages = await app.Data.MessagesAsync(callId);
        var email = messages.Single(m => m.Channel == OutboxChannel.Email);
        var link = TestData.LinkPattern().Match(messages.Single(m => m.Channel == OutboxChannel.Sms).TextBody).Value;
        var acceptLink = $"http://livecall.test{link}";
        Assert.Contains($"{accept}: {acceptLink}\n", email.TextBody);
        Assert.Contains($"{awayText}{RingMessages.AwayLink(acceptLink)}\n", email.TextBody);
        Assert.Contains($"<a href=\"{RingMessages.AwayLink(acceptLink)}\" style=\"color:#222;text-decoration:underline\">{awayHtml}</a>", email.HtmlBody);
        Assert.Equal(acceptLink + "?away=1", RingMessages.AwayLink(acceptLink)); // the accept page with its away action first
    }

    [Fact]
    public async Task Ring_Sms_OfALongName_ShowsFortyCharactersAndFitsTwoMessages()
    {
        await using var app = await ServiceHost.StartAsync();
        var name = "Maximiliane Alexandra Friederike Gräfin von Hohenzollern-Sigmaringen";

        var callId = await app.Data.RingAsync(name, TestData.Seller1);

        var sms = (await app.Data.MessagesAsync(callId)).Single(m => m.Channel == OutboxChannel.Sms).TextBody;
        Assert.Contains("Video call (Demo Motors): Maximiliane Alexandra Friederike Gräf... is waiting at Downtown. Accept: http://livecall.test/r/", sms);
        Assert.True(SmsSegments.IsGsm7(sms), "umlauts and three dots keep the GSM alphabet: 160 characters a message");
        Assert.Equal(2, SmsSegments.Count(sms));
    }

    [Theory]
    [InlineData("en", "http://livecall.test/")]
    [InlineData("de", "https://calls.autohaus-beispiel.example/")]
    public async Task Ring_Sms_WithANonGsmNameAndALongLocation_StillFitsTwoMessages_WithTheWholeLink(string language, string publicBase)
    {
        await using var app = await ServiceHost.StartAsync(o => o.Settings["App:PublicBaseUrl"] = publicBase);
        await SetLanguageAsync(app, TestData.Seller1, language);
        await RenameLocationAsync(app, "downtown", "Autohaus Beispiel – Niederlassung Düsseldorf-Oberkassel, Luegallee");

        var callId = await app.Data.RingAsync("Łukasz Błaszczykowski-Żółkiewski 🚗", TestData.Seller1);

        var sms = (await app.Data.MessagesAsync(callId)).Single(m => m.Channel == OutboxChannel.Sms).TextBody;
        Assert.False(SmsSegments.IsGsm7(sms));
        Assert.True(SmsSegments.Count(sms) <= RingMessages.MaxSmsSegments, $"{SmsSegments.Count(sms)} messages: {sms}");
        Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(publicBase)}r/[A-Za-z0-9_-]{{43}}$", sms);
        Assert.Contains("Łukasz", sms);
        Assert.Contains("Autohaus", sms);
        Assert.DoesNotContain("Demo Motors", sms); // the brand goes first
        output.WriteLine(sms);
    }

    [Fact]
    public async Task AnsweredByPush_ReplacingADeliveredOne_CarriesTheDefusedName()
    {
        using var device = new PushStandIn();
        await using var pushService = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 201; return Task.CompletedTask; });
        await using var app = await ServiceHost.StartAsync();
        var seller1 = (await app.Data.ScopeOfAsync(TestData.Seller1)).UserId;
        await app.Get<Core.Notifications.Push.PushSubscriptions>().SubscribeAsync(seller1, new Uri(pushService.BaseUri, "push/1").ToString(),
            device.P256dh, device.AuthText, "test", default);
        var callId = await app.Data.RingAsync(Phishing);
        await app.DispatchOutboxAsync();

        await app.Data.AcceptAsync(callId, TestData.Seller2);
        await app.DispatchOutboxAsync();

        var answered = System.Text.Json.JsonDocument.Parse(device.Open(pushService.Requests[^1]).Payload).RootElement;
        Assert.Equal("The call from Login expired: evil[.]example/reset at Downtown was answered.", answered.GetProperty("body").GetString());
    }

    private static async Task<string> CustomerNameAsync(ServiceHost app, Guid callId)
    {
        await using var db = await app.DbAsync();
        return await db.CallParticipants.Where(p => p.CallId == callId && p.Kind == ParticipantKind.Customer).Select(p => p.DisplayName).SingleAsync();
    }

    private static async Task SetLanguageAsync(ServiceHost app, string email, string language)
    {
        await using var db = await app.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.SetProfile(user.DisplayName, user.Mobile, language);
        await db.SaveChangesAsync();
    }

    private static async Task RenameLocationAsync(ServiceHost app, string slug, string name)
    {
        await using var db = await app.DbAsync();
        var l = await db.Locations.SingleAsync(x => x.Slug == slug);
        l.Update(name, l.Slug, l.Country, l.TimeZoneId, l.OpeningHours, l.RingTimeout);
        await db.SaveChangesAsync();
    }
}
