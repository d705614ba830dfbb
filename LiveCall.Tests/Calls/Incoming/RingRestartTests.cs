using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// Truthful after a crash or restart, at the service level (the real child-process crash is in <see cref="RingCrashTests"/>):
/// alerts of a ring that is over never go out, and a seller whose call's instance died is rung again.
/// </summary>
public sealed class RingRestartTests
{
    public enum Crash
    {
        /// <summary>The ring ended in the database, then the app died before it withdrew the queued alerts.</summary>
        AfterTheRingEndedBeforeTheWithdrawal,
        /// <summary>The app was down while the ring's time ran out: the call is still "Ringing" in the database when it comes back.</summary>
        WhileTheRingTimeRanOut,
    }

    [Theory]
    [InlineData(Crash.AfterTheRingEndedBeforeTheWithdrawal)]
    [InlineData(Crash.WhileTheRingTimeRanOut)]
    public async Task RingAlerts_OfARingThatIsOver_AreWithdrawnNotSent_ByTheFirstOutboxPassAfterARestart(Crash crash)
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 202; r.Headers["X-Message-Id"] = "sg-1"; return Task.CompletedTask; });
        await using var app = await ServiceHost.StartAsync(o =>
        {
            o.AddSettings(new Dictionary<string, string?>(VonageStandIn.Settings(vonage.BaseUri)));
            o.AddSettings(new Dictionary<string, string?>(SendGridStandIn.Settings(sendGrid.BaseUri)));
        });
        await app.Data.SetEscalationDelaysAsync("downtown", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20));
        var callId = await app.Data.RingAsync();
        Assert.Equal(4, (await app.Data.MessagesAsync(callId)).Count(m => m.Status == OutboxStatus.Queued));

        if (crash == Crash.AfterTheRingEndedBeforeTheWithdrawal)
        {
            await using var db = await app.DbAsync();
            await db.Calls.Where(c => c.Id == callId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CallState.Cancelled));
            app.Time.Advance(TimeSpan.FromSeconds(21));
        }
        else app.Time.Advance(Core.Dealers.Location.DefaultRingTimeout + TimeSpan.FromSeconds(1)); // nobody ran ExpireDueAsync

        var outbox = app.Get<NotificationOutbox>();
        await outbox.EnqueueSmsAsync(new SmsRequest("+4915112345678", "sentinel", OutboxPurpose.Other, null, null), default);
        await outbox.EnqueueEmailAsync(new EmailRequest("sentinel@example.com", "sentinel", "sentinel", null, OutboxPurpose.Other, null, null), default);
        await app.DispatchOutboxAsync();
        Assert.True(vonage.Requests.Count > 0 && sendGrid.Requests.Count > 0, "the outbox pass did not deliver the sentinel messages");

        Assert.All(await app.Data.MessagesAsync(callId), m => Assert.Equal(OutboxStatus.Cancelled, m.Status));
        Assert.All(vonage.Requests, r => Assert.Contains("sentinel", r.BodyText));
        Assert.DoesNotContain(sendGrid.Requests, r => r.BodyText.Contains("seller"));

        // The ring that the restart found still "Ringing" becomes a missed call, once.
        var incoming = app.Get<IncomingCallService>();
        var expired = await incoming.ExpireDueAsync(default) + await incoming.ExpireDueAsync(default);
        Assert.Equal(crash == Crash.WhileTheRingTimeRanOut ? 1 : 0, expired);
        Assert.Equal(crash == Crash.WhileTheRingTimeRanOut ? 1 : 0, (await app.EventsAsync<Core.Live.RingEnded>()).Count(e => e.CallId == callId));
    }

    [Fact]
    public async Task ASellerInACallWhoseInstanceDied_IsSeenFromTheJoin_LeavesAfterTheStaleTime_AndIsRungByTheNextCustomer()
    {
        await using var app = await ServiceHost.StartAsync();
        var callId = await app.Data.RingAsync("Clara Kunde", TestData.Seller1);
        await app.Data.AcceptAsync(callId);
        var seller = await app.Data.ScopeOfAsync(TestData.Seller1);
        var calls = app.Get<CallService>();
        var customer = (await app.Data.CallAsync(callId)).Participants.Single(p => p.Kind == ParticipantKind.Customer);
        Assert.Equal(JoinStatus.Joined, (await calls.JoinAsync(callId, new CallIdentity.TokenHolder(callId, customer.Id, ParticipantKind.Customer, customer.DisplayName), default)).Status);
        Assert.Equal(JoinStatus.Joined, (await calls.JoinAsync(callId, new CallIdentity.Staff(seller, "Sophie Seller"), default)).Status);
        Assert.All((await app.Data.CallAsync(callId)).Participants, p => Assert.Equal(app.Time.GetUtcNow().UtcDateTime, p.SeatSeenUtc));
        Assert.Equal(0, (await app.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "downtown", "Bernd Kunde", default)).SellersRinging);

        // The instance that held both seats is gone: nobody reports them. Before the stale time they stay...
        app.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Empty(await calls.CloseAbandonedSeatsAsync(TimeSpan.FromMinutes(2), default));
        app.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await calls.CloseAbandonedSeatsAsync(TimeSpan.FromMinutes(2), default)).Count);

        Assert.Equal(CallState.Ended, (await app.Data.CallAsync(callId)).State);
        var next = await app.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "downtown", "Carla Kundin", default);
        Assert.Equal(1, next.SellersRinging);
    }
}
