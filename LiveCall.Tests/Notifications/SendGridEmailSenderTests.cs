using System.Text.Json;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace LiveCall.Tests.Notifications;

public sealed class SendGridEmailSenderTests
{
    private static async Task<Guid> EnqueueAsync(ServiceHost h, string to = "seller@dealer.example") =>
        (await h.Get<NotificationOutbox>().EnqueueEmailAsync(new EmailRequest(to, "Incoming video call", "Accept: https://x/accept", "<p>Accept</p>",
            OutboxPurpose.IncomingCall, null, null), CancellationToken.None)).MessageId!.Value;

    [Fact]
    public async Task Send_WhenSendGridAccepts_PassesOutboxIdInCustomArgsAndMarksSent()
    {
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) =>
        {
            r.StatusCode = 202;
            r.Headers["X-Message-Id"] = "sg-msg-1";
            return Task.CompletedTask;
        });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(SendGridStandIn.Settings(sendGrid.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal("sg-msg-1", message.ProviderMessageId);
        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);
        using var json = JsonDocument.Parse(request.Body);
        var personalization = json.RootElement.GetProperty("personalizations")[0];
        Assert.Equal("seller@dealer.example", personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal(id.ToString(), json.RootElement.GetProperty("custom_args").GetProperty("outbox_id").GetString());
        Assert.False(json.RootElement.GetProperty("tracking_settings").GetProperty("click_tracking").GetProperty("enable").GetBoolean());
        Assert.Equal("calls@dealer.example", json.RootElement.GetProperty("from").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Send_WhenProviderReturns429_PausesTheChannelUntilRateLimitReset()
    {
        var reset = TestClock.Start.AddSeconds(90).ToUnixTimeSeconds();
        await using var sendGrid = await StandInServer.StartAsync((_, n, r) =>
        {
            if (n == 1)
            {
                r.StatusCode = 429;
                r.Headers["X-RateLimit-Reset"] = reset.ToString();
            }
            else r.StatusCode = 202;
            return Task.CompletedTask;
        });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(SendGridStandIn.Settings(sendGrid.BaseUri)));
        var first = await EnqueueAsync(h, "a@dealer.example");

        await h.DispatchOutboxAsync();
        var second = await EnqueueAsync(h, "b@dealer.example");
        h.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await h.DispatchOutboxAsync()); // the whole channel waits, not just the first message
        Assert.Single(sendGrid.Requests);
        Assert.True(h.Get<ChannelPauses>().IsPaused(OutboxChannel.Email));

        h.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(2, await h.DispatchOutboxAsync());

        Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(first)).Status);
        Assert.Equal(OutboxStatus.Sent, (await h.Data.MessageAsync(second)).Status);
        Assert.Equal(3, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task Send_WhenSendGridReturns503_Requeues()
    {
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 503; return Task.CompletedTask; });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(SendGridStandIn.Settings(sendGrid.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Queued, message.Status);
        Assert.Equal("SendGrid HTTP 503", message.LastError);
    }

    [Fact]
    public async Task Send_WhenSendGridReturns400_FailsPermanentlyWithTheReason()
    {
        await using var sendGrid = await StandInServer.StartAsync(async (_, _, r) =>
        {
            r.StatusCode = 400;
            await r.WriteAsync("""{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email"}]}""");
        });
        await using var h = await ServiceHost.StartAsync(o => o.AddSettings(SendGridStandIn.Settings(sendGrid.BaseUri)));
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        var message = await h.Data.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Contains("Does not contain a valid address.", message.LastError);
    }

    [Fact]
    public async Task Send_WithoutApiKey_MarksNotSent()
    {
        await using var h = await ServiceHost.StartAsync();
        var id = await EnqueueAsync(h);

        await h.DispatchOutboxAsync();

        Assert.Equal(OutboxStatus.NotSent, (await h.Data.MessageAsync(id)).Status);
    }
}
