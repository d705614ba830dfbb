using System.Net;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveCall.Tests.Notifications;

public sealed class VonageSmsSenderTests
{
    private const string Mobile = "+4915112345678";

    private static async Task<Guid> EnqueueAsync(ServiceHost h)
    {
        var dealer = (await h.Data.AddDealerAsync()).Id;
        var result = await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest(Mobile, "Incoming call – tap to accept", OutboxPurpose.IncomingCall, dealer, null), CancellationToken.None);
        Assert.True(result.Accepted, result.Refusal.ToString());
        return result.MessageId!.Value;
    }

    [Fact]
    public async Task Send_WhenVonageAccepts_MarksSentWithMessageIdAndClientRef()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal("0A0000000123ABCD1", message.ProviderMessageId);
        var request = Assert.Single(vonage.Requests);
        Assert.Equal("/sms/json", request.Path);
        var form = QueryHelpers.ParseQuery(request.BodyText);
        Assert.Equal("key123", form["api_key"]);
        Assert.Equal("secret456", form["api_secret"]);
        Assert.Equal("LiveCall", form["from"]);
        Assert.Equal("4915112345678", form["to"]);
        Assert.Equal(id.ToString("N"), form["client-ref"]);
        Assert.Equal("unicode", form["type"]);
    }

    [Theory]
    [InlineData("Videoanruf: Jürgen Müller wartet bei Köln-Süd. Annehmen: https://x.example/r/abc", null)] // GSM alphabet: type text, 160 a message
    [InlineData("Video call: Łukasz is waiting at Downtown. Accept: https://x.example/r/abc", "unicode")]
    public async Task Send_AsksForUnicodeOnlyOutsideTheGsmAlphabet(string text, string? type)
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var dealer = (await h.Data.AddDealerAsync()).Id;
        Assert.True((await h.Get<NotificationOutbox>().EnqueueSmsAsync(new SmsRequest(Mobile, text, OutboxPurpose.Other, dealer, null), default)).Accepted);

        await h.DispatchOutboxAsync();

        var form = QueryHelpers.ParseQuery(Assert.Single(vonage.Requests).BodyText);
        Assert.Equal(text, form["text"].ToString());
        Assert.Equal(type, form.TryGetValue("type", out var value) ? value.ToString() : null);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("10")]
    public async Task Send_WhenVonageReturnsRetryableStatus_RetriesAfterBackoffThenSends(string status)
    {
        await using var vonage = await StandInServer.StartAsync((_, n, r) => VonageStandIn.Status(r, n == 1 ? status : "0"));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();
        var queued = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Queued, queued.Status);
        Assert.Contains($"status {status}", queued.LastError);
        Assert.InRange(queued.NextAttemptUtc, TestClock.Start.UtcDateTime.AddSeconds(1), TestClock.Start.UtcDateTime.AddSeconds(2));

        Assert.Equal(0, await h.DispatchOutboxAsync()); // not due yet
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.DispatchOutboxAsync();

        var sent = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(2, vonage.Requests.Count);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("29")]
    public async Task Send_WhenVonageReturnsPermanentStatus_FailsWithReasonAndNoRetry(string status)
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, status));
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.StartsWith($"Vonage status {status}:", message.LastError);
        Assert.Single(vonage.Requests);
    }

    [Fact]
    public async Task Send_WhenProviderReturns500_RequeuesThenDeadLettersAfterMaxAttempts()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 500; return Task.CompletedTask; });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = await EnqueueAsync(h);

        for (var i = 0; i < 5; i++)
        {
            await h.DispatchOutboxAsync();
            h.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Equal("Gave up after 3 attempts: Vonage HTTP 500", message.LastError);
        Assert.Equal(3, vonage.Requests.Count);
    }

    [Fact]
    public async Task Send_WhenProviderReturns429_WaitsRetryAfter()
    {
        await using var vonage = await StandInServer.StartAsync((_, n, r) =>
        {
            if (n > 1) return VonageStandIn.Status(r, "0");
            r.StatusCode = 429;
            r.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();
        Assert.Equal(TestClock.Start.UtcDateTime.AddSeconds(120), (await h.Data.MessageAsync(id)).NextAttemptUtc);
        h.Time.Advance(TimeSpan.FromSeconds(119));
        await h.DispatchOutboxAsync();
        Assert.Single(vonage.Requests);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.DispatchOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(id)).Status);
        Assert.Equal(2, vonage.Requests.Count);
    }

    [Fact]
    public async Task Send_WhenProviderTimesOut_RequeuesAsTimeout()
    {
        var requestSeen = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var vonage = await StandInServer.StartAsync(async (_, _, r) =>
        {
            requestSeen.TrySetResult();
            await release.Task;
            await VonageStandIn.Status(r, "0");
        });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(vonage.BaseUri)));
        var id = await EnqueueAsync(h);

        var dispatch = h.DispatchOutboxAsync();
        await requestSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        h.Time.Advance(TimeSpan.FromSeconds(11));
        await dispatch.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Queued, message.Status);
        Assert.Equal("timeout", message.LastError);
    }

    [Fact]
    public async Task Send_WithoutCredentials_MarksNotSentAndCallsNoProvider()
    {
        await using var h = await ServiceHost.StartAsync();
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.NotSent, message.Status);
        Assert.Equal("Incoming call – tap to accept", message.TextBody);
    }

    [Fact]
    public async Task Send_WhenVonageIsUnreachable_Requeues()
    {
        var port = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        port.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)port.LocalEndpoint).Port}/");
        port.Stop();
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(VonageStandIn.Settings(closed)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Queued, message.Status);
        Assert.StartsWith("network error", message.LastError);
    }
}
