using LiveCall.Core.Calls.FollowUp;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Notifications;

/// <summary>Budgets per kind of message, per location and dealer, and a global cap that stops only the tenant that reached it.</summary>
public sealed class SendBudgetsTests
{
    [Fact]
    public async Task GlobalSmsCap_ReachedByDealerA_RefusesOnlyDealerA_WhileDealerBsRingSmsAndInvitationsGoOut()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var h = await ServiceHost.StartAsync(o =>
        {
            o.AddSettings(VonageStandIn.Settings(vonage.BaseUri));
            o.Settings["SmsLimits:GlobalHourly"] = "4";
        });
        var dealers = await h.Data.TwoDealersAsync(ServiceHost.PublicAddress);
        var outbox = h.Get<NotificationOutbox>();
        for (var i = 0; i < 4; i++)
            Assert.True((await outbox.EnqueueSmsAsync(RingSms(dealers.DealerA, dealers.DowntownA, $"+49151200000{i:D2}"), default)).Accepted);

        var overA = await outbox.EnqueueSmsAsync(RingSms(dealers.DealerA, dealers.DowntownA, "+4915120000099"), default);
        var invitationA = await h.Get<FollowUpService>().StartAsync(dealers.SellerA, "Sam Seller", "en",
            [new GuestInvitationInput(InvitationChannel.Sms, "Gina Guest", "0151 2345 0001")], ServiceHost.PublicAddress, default);

        await h.Data.OpenDashboardAsync("seller@other.test");
        var ringB = await h.Get<IncomingCallService>().StartAsync("other-cars", "vienna", "Olga Kundin", default);
        var sellerB = await h.Data.ScopeOfAsync("seller@other.test");
        var invitationB = await h.Get<FollowUpService>().StartAsync(sellerB, "Bea Seller", "de",
            [new GuestInvitationInput(InvitationChannel.Sms, "Gustav Gast", "0664 7654321")], ServiceHost.PublicAddress, default);
        await h.DispatchOutboxAsync();

        Assert.Equal(SendRefusal.GlobalHourlyCap, overA.Refusal);
        Assert.Equal(SendRefusal.GlobalHourlyCap, invitationA.Refusal);
        Assert.True(ringB.Ringing);
        Assert.True(invitationB.Succeeded);
        await using var db = await h.DbAsync();
        var smsB = await db.Outbox.AsNoTracking().Where(m => m.DealerId == dealers.DealerB && m.Channel == OutboxChannel.Sms).ToListAsync();
        Assert.Equal([OutboxPurpose.IncomingCall, OutboxPurpose.FollowUpInvitation], smsB.Select(m => m.Purpose).Order());
        Assert.All(smsB, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Contains(vonage.Requests, r => r.BodyText.Contains("436641234567", StringComparison.Ordinal));
        Assert.Contains(vonage.Requests, r => r.BodyText.Contains("436647654321", StringComparison.Ordinal));
        var refusedA = Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Refused).ToListAsync());
        Assert.Equal((dealers.DealerA, SendRefusal.GlobalHourlyCap), (refusedA.DealerId!.Value, refusedA.Refusal!.Value));
        Assert.DoesNotContain(vonage.Requests, r => r.BodyText.Contains("4915120000099", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RingEmails_OverTheLocationsHourlyBudget_AreRefusedWithTheReason_WhileInvitationsAndAccountMailsHaveTheirOwn()
    {
        await using var h = await ServiceHost.StartAsync(o =>
        {
            o.Settings["MessageBudgets:Email:Ring:PerLocationHourly"] = "2";
            o.Settings["MessageBudgets:Email:Account:PerLocationHourly"] = "1";
        });
        var downtown = (await h.Data.LocationAsync("downtown")).Id;
        var dealer = (await h.Data.LocationAsync("downtown")).DealerId;
        var outbox = h.Get<NotificationOutbox>();
        EmailRequest Email(OutboxPurpose purpose, int i) => new($"someone{i}@example.com", "Subject", "Text", null, purpose, dealer, downtown);

        var ring = new List<EnqueueResult>();
        for (var i = 0; i < 4; i++) ring.Add(await outbox.EnqueueEmailAsync(Email(OutboxPurpose.IncomingCall, i), default));
        var invitation = await outbox.EnqueueEmailAsync(Email(OutboxPurpose.FollowUpInvitation, 10), default);
        var reset = await outbox.EnqueueEmailAsync(Email(OutboxPurpose.PasswordReset, 11), default);
        var secondReset = await outbox.EnqueueEmailAsync(Email(OutboxPurpose.Activation, 12), default);

        Assert.Equal([SendRefusal.None, SendRefusal.None, SendRefusal.LocationHourlyCap, SendRefusal.LocationHourlyCap], ring.Select(r => r.Refusal));
        Assert.True(invitation.Accepted);
        Assert.True(reset.Accepted);
        Assert.Equal(SendRefusal.LocationHourlyCap, secondReset.Refusal);
        var page = await h.Get<OutboxQueries>().ListAsync(await h.Data.ScopeOfAsync(TestData.DealerAdmin), null, OutboxChannel.Email, 0, 50, default);
        Assert.Equal(3, page.Items.Count(r => r.Status == OutboxStatus.Refused && r.Refusal == SendRefusal.LocationHourlyCap));

        h.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await outbox.EnqueueEmailAsync(Email(OutboxPurpose.IncomingCall, 20), default)).Accepted);
    }

    [Fact]
    public async Task TwoInstancesEnqueueingAtOnce_TogetherStayWithinTheBudget()
    {
        await using var h = await ServiceHost.StartAsync(o => o.Settings["MessageBudgets:Email:Ring:PerLocationHourly"] = "5");
        var downtown = await h.Data.LocationAsync("downtown");
        // Two outboxes, as two app instances have: their in-process gates do not know of each other; only the database does.
        var outboxes = new[] { h.Get<NotificationOutbox>(), ActivatorUtilities.CreateInstance<NotificationOutbox>(h.Services) };
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => outboxes[i % 2].EnqueueEmailAsync(
            new EmailRequest($"seller{i}@example.com", "A customer is waiting", "Accept", null, OutboxPurpose.IncomingCall, downtown.DealerId, downtown.Id), default))));

        Assert.Equal(5, results.Count(r => r.Accepted));
        Assert.All(results.Where(r => !r.Accepted), r => Assert.Equal(SendRefusal.LocationHourlyCap, r.Refusal));
        await using var db = await h.DbAsync();
        Assert.Equal(5, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Queued));
        Assert.Equal(35, await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Refused));
    }

    [Fact]
    public async Task EmailInvitation_OverTheLocationsInvitationBudget_IsRefusedBeforeTheCallIsMade_AndSaysEmail()
    {
        await using var h = await ServiceHost.StartAsync(o => o.Settings["MessageBudgets:Email:Invitation:PerLocationHourly"] = "1");
        var seller = await h.Data.ScopeOfAsync(TestData.Seller1);
        var followUps = h.Get<FollowUpService>();
        Task<FollowUpStarted> InviteAsync(string email) => followUps.StartAsync(seller, "Sam Seller", "en",
            [new GuestInvitationInput(InvitationChannel.Email, "Gina Guest", email)], ServiceHost.PublicAddress, default);

        var first = await InviteAsync("gina@example.com");
        var second = await InviteAsync("gustav@example.com");

        Assert.True(first.Succeeded);
        Assert.Null(second.CallId);
        Assert.Equal((SendRefusal.LocationHourlyCap, InvitationChannel.Email), (second.Refusal, second.RefusedVia));
        Assert.Equal("FollowUp.RefusedEmail.LocationHourlyCap", App.Calls.FollowUp.FollowUpRefusal.Key(second.Refusal, second.RefusedVia));
        Assert.Single(await h.Data.CallsAsync(), c => c.Kind == Core.Calls.CallKind.FollowUp);
    }

    /// <summary>
    /// A ring's emails go as one batch: the budget is taken in order, exactly as one enqueue after the other would take
    /// it (the first within the budget queued, the rest refused with the reason); the budget is read once and the rows
    /// go in one INSERT, so six emails cost the SQL commands of one.
    /// </summary>
    [Fact]
    public async Task ABatchOfRingEmails_TakesTheBudgetInOrder_AsOneByOneWould_ForTheSqlOfOne()
    {
        await using var h = await ServiceHost.StartAsync(o => o.Settings["MessageBudgets:Email:Ring:PerLocationHourly"] = "4");
        var downtown = await h.Data.LocationAsync("downtown");
        var outbox = h.Get<NotificationOutbox>();
        var sql = h.Get<SqlCommandCounter>();
        EmailRequest Email(int i) => new($"seller{i}@example.com", "A customer is waiting", "Text", "<p>Html</p>", OutboxPurpose.IncomingCall,
            downtown.DealerId, downtown.Id);

        var before = sql.Count;
        var single = await outbox.EnqueueEmailsAsync([Email(0)], default);
        var singleSql = sql.Count - before;
        Assert.True((await outbox.EnqueueEmailAsync(Email(1), default)).Accepted);
        before = sql.Count;
        var batch = await outbox.EnqueueEmailsAsync([.. Enumerable.Range(2, 6).Select(Email)], default);
        var batchSql = sql.Count - before;

        Assert.True(Assert.Single(single).Accepted);
        Assert.Equal([SendRefusal.None, SendRefusal.None, .. Enumerable.Repeat(SendRefusal.LocationHourlyCap, 4)], batch.Select(r => r.Refusal));
        Assert.Equal(singleSql, batchSql);
        await using var db = await h.DbAsync();
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Channel == OutboxChannel.Email).ToListAsync();
        Assert.Equal(4, rows.Count(m => m.Status == OutboxStatus.Queued));
        Assert.Equal(["seller4@example.com", "seller5@example.com", "seller6@example.com", "seller7@example.com"],
            rows.Where(m => m.Status == OutboxStatus.Refused).Select(m => m.Recipient).Order());
        Assert.All(batch.Where(r => r.Accepted), r => Assert.Contains(rows, m => m.Id == r.MessageId));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueEmailsAsync([Email(8), Email(9) with { LocationId = null }], default));
    }

    /// <summary>The global cap reached inside a batch stops the dealer that reached its share there, not the other one.</summary>
    [Fact]
    public async Task ABatchReachingTheGlobalEmailCap_StopsItsDealerAtItsShare_AndTheOtherDealerStillSends()
    {
        await using var h = await ServiceHost.StartAsync(o => o.Settings["MessageBudgets:Email:GlobalHourly"] = "3");
        var dealers = await h.Data.TwoDealersAsync(ServiceHost.PublicAddress);
        h.Time.Advance(TimeSpan.FromMinutes(61)); // the account mails of dealer B's set-up are out of the hour
        var outbox = h.Get<NotificationOutbox>();
        EmailRequest Email(Guid dealer, int i) => new($"someone{i}@example.com", "Subject", "Text", null, OutboxPurpose.Other, dealer, null);

        Assert.True((await outbox.EnqueueEmailAsync(Email(dealers.DealerB, 0), default)).Accepted);
        var batchA = await outbox.EnqueueEmailsAsync([.. Enumerable.Range(1, 4).Select(i => Email(dealers.DealerA, i))], default);
        var laterB = await outbox.EnqueueEmailAsync(Email(dealers.DealerB, 5), default);

        // Hour full at 3: dealer A holds 2 of 3 with two dealers sending (2 × 2 ≥ 3), dealer B 1 (1 × 2 < 3).
        Assert.Equal([SendRefusal.None, SendRefusal.None, SendRefusal.GlobalHourlyCap, SendRefusal.GlobalHourlyCap], batchA.Select(r => r.Refusal));
        Assert.True(laterB.Accepted);
    }

    private static SmsRequest RingSms(Guid dealer, Guid location, string to) =>
        new(to, "A customer is waiting", OutboxPurpose.IncomingCall, dealer, location);
}
