using LiveCall.App.Calls.Incoming;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// An accepted call that nobody joins goes back: after the location's accept deadline (Downtown keeps the default 30 s)
/// the call rings the other sellers on duty again, once however many sweeps run; the seller who did not come is out of
/// this call; the customer stays in it; with nobody left the call ends unanswered. The fake clock moves; the test runs the sweep.
/// </summary>
public sealed class RingHandoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = Location.DefaultAcceptDeadline;
    private ServiceHost _host = default!;
    private readonly List<RingToastList> _lists = [];

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var list in _lists) await list.DisposeAsync();
        await _host.DisposeAsync();
    }

    private IncomingCallService Incoming => _host.Get<IncomingCallService>();
    private CallService Calls => _host.Get<CallService>();
    private DateTime Now => _host.Time.GetUtcNow().UtcDateTime;

    private async Task<string> IdOfAsync(string email) => (await _host.Data.ScopeOfAsync(email)).UserId;

    private async Task<CallIdentity.Staff> StaffAsync(string email) => new(await _host.Data.ScopeOfAsync(email), email);

    /// <summary>Both Downtown sellers ring; the customer's identity for the call page.</summary>
    private async Task<(Guid CallId, CallIdentity.TokenHolder Customer)> RingWithCustomerAsync()
    {
        await _host.Data.OpenDashboardAsync(TestData.Seller1);
        await _host.Data.OpenDashboardAsync(TestData.Seller2);
        var start = await Incoming.StartAsync(TestData.DemoDealer, "downtown", "Clara Kunde", default);
        return (start.CallId!.Value, (await _host.Get<CallAccessTokens>().ValidateAsync(start.CustomerToken, default))!);
    }

    [Fact]
    public async Task WinnerNeverJoins_AfterTheDeadlineTheOthersRingAgainOnce_EvenWithTwoSweepsAtOnce_AndEscalateAgain()
    {
        await _host.Data.SetEscalationDelaysAsync("downtown", sms: TimeSpan.FromSeconds(10), email: TimeSpan.FromSeconds(20));
        var callId = await _host.Data.RingAsync();
        var (seller1, seller2) = (await IdOfAsync(TestData.Seller1), await IdOfAsync(TestData.Seller2));
        var created = Now;
        _host.Time.Advance(TimeSpan.FromSeconds(5));
        await _host.Data.AcceptAsync(callId, TestData.Seller1);

        _host.Time.Advance(Deadline - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Incoming.ExpireDueAsync(default));
        Assert.Equal(CallState.Waiting, (await _host.Data.CallAsync(callId)).State);

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var rangAgain = Now;
        var sweeps = await Task.WhenAll(Task.Run(() => Incoming.ExpireDueAsync(default)), Task.Run(() => Incoming.ExpireDueAsync(default)));
        Assert.Equal(1, sweeps.Sum());

        var call = await _host.Data.CallAsync(callId);
        Assert.Equal((CallState.Ringing, (string?)null, (DateTime?)null, (DateTime?)rangAgain), (call.State, call.AcceptedByUserId, call.AcceptedUtc, call.RangAgainUtc));
        var rings = await _host.EventsAsync<RingStarted>();
        Assert.Equal(2, rings.Count);
        Assert.Equal([seller2], rings[1].SellerIds);
        Assert.Equal(("Sam Seller", created), (rings[1].NotJoinedBy, rings[1].CreatedUtc)); // the toast's waiting time counts from the customer's start
        Assert.Null(rings[0].NotJoinedBy);
        Assert.Equal(2, (await _host.EventsAsync<CallChanged>()).Count(e => e.CallId == callId && e.State == CallState.Ringing));
        await using (var db = await _host.DbAsync())
            Assert.Equal(rangAgain, (await db.RingTargets.SingleAsync(t => t.CallId == callId && t.UserId == seller1)).NoShowUtc);

        // Escalated again for seller 2: a new personal link, the location's delays counted from the new ring. Nothing new for seller 1.
        var messages = await _host.Data.MessagesAsync(callId);
        var sms = messages.Where(m => m.UserId == seller2 && m.Channel == OutboxChannel.Sms).OrderBy(m => m.CreatedUtc).ToList();
        Assert.Equal((2, OutboxStatus.Cancelled, OutboxStatus.Queued), (sms.Count, sms[0].Status, sms[1].Status));
        Assert.Equal(rangAgain.AddSeconds(10), sms[1].NextAttemptUtc);
        Assert.NotEqual(TestData.LinkPattern().Match(sms[0].TextBody).Value, TestData.LinkPattern().Match(sms[1].TextBody).Value);
        Assert.Equal(rangAgain.AddSeconds(20), messages.Single(m => m.UserId == seller2 && m.Channel == OutboxChannel.Email && m.Status == OutboxStatus.Queued).NextAttemptUtc);
        Assert.DoesNotContain(messages, m => m.UserId == seller1 && m.Status == OutboxStatus.Queued);

        // Seller 1 cannot take it back; seller 2 answers, and the statistics count the customer's wait until that answer.
        Assert.Equal(AcceptOutcome.NotRinging, (await Incoming.AcceptAsync(callId, await _host.Data.ScopeOfAsync(TestData.Seller1), default)).Outcome);
        _host.Time.Advance(TimeSpan.FromSeconds(4));
        await _host.Data.AcceptAsync(callId, TestData.Seller2);
        var answered = await _host.Data.CallAsync(callId);
        Assert.Equal((seller2, (DateTime?)created.AddSeconds(39)), (answered.AcceptedByUserId, answered.AcceptedUtc));
        var figures = await _host.Get<StatisticsService>().GetFiguresAsync(await _host.Data.ScopeOfAsync(TestData.DealerAdmin), new StatisticsFilter(), default);
        Assert.Equal(TimeSpan.FromSeconds(39), figures.AverageTimeToAnswer);
    }

    [Fact]
    public async Task WinnerNeverJoins_AndNobodyElseIsOnDuty_TheCallEndsUnanswered()
    {
        var callId = await _host.Data.RingAsync("Clara Kunde", TestData.Seller1);
        await _host.Data.AcceptAsync(callId);

        _host.Time.Advance(Deadline);
        Assert.Equal(1, await Incoming.ExpireDueAsync(default));

        var call = await _host.Data.CallAsync(callId);
        Assert.Equal((CallState.Unanswered, (DateTime?)null, (DateTime?)Now), (call.State, call.AcceptedUtc, call.EndedUtc));
        Assert.Single(await _host.EventsAsync<RingStarted>());
        Assert.Contains(await _host.EventsAsync<RingEnded>(), e => e.CallId == callId && e.Outcome == CallState.Unanswered);
    }

    [Fact]
    public async Task SellerWhoJoinsInTime_IsNeverHandedOver()
    {
        var callId = await _host.Data.RingAsync();
        await _host.Data.AcceptAsync(callId);
        _host.Time.Advance(Deadline - TimeSpan.FromSeconds(1));
        Assert.Equal(JoinStatus.Joined, (await Calls.JoinAsync(callId, await StaffAsync(TestData.Seller1), default)).Status);

        _host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await Incoming.ExpireDueAsync(default));

        var call = await _host.Data.CallAsync(callId);
        Assert.Equal((CallState.Waiting, await IdOfAsync(TestData.Seller1), (DateTime?)null), (call.State, call.AcceptedByUserId, call.RangAgainUtc));
        Assert.Single(await _host.EventsAsync<RingStarted>());
    }

    [Fact]
    public async Task AfterTheHandOver_TheCustomerStaysIn_TheLateSellerStaysOut_AndTheNextSellerConnects()
    {
        var (callId, customer) = await RingWithCustomerAsync();
        await _host.Data.AcceptAsync(callId, TestData.Seller1);
        Assert.Equal(JoinStatus.Joined, (await Calls.JoinAsync(callId, customer, default)).Status);
        _host.Time.Advance(Deadline);
        await Incoming.ExpireDueAsync(default);

        Assert.Equal(JoinStatus.HandedOver, (await Calls.JoinAsync(callId, await StaffAsync(TestData.Seller1), default)).Status);
        Assert.Equal(JoinStatus.NotAllowed, (await Calls.JoinAsync(callId, await StaffAsync(TestData.Seller2), default)).Status); // answered by Accept, not by opening it
        await _host.Data.AcceptAsync(callId, TestData.Seller2);
        Assert.Equal(JoinStatus.Joined, (await Calls.JoinAsync(callId, await StaffAsync(TestData.Seller2), default)).Status);

        var call = await _host.Data.CallAsync(callId);
        var late = await IdOfAsync(TestData.Seller1);
        Assert.Equal(CallState.Connected, call.State);
        Assert.True(call.Participants.Single(p => p.Kind == ParticipantKind.Customer).IsPresent);
        Assert.DoesNotContain(call.Participants, p => p.UserId == late);
    }

    [Fact]
    public async Task CustomerWhoLeavesWhileItRingsAgain_CancelsThatRing()
    {
        var (callId, customer) = await RingWithCustomerAsync();
        await _host.Data.AcceptAsync(callId, TestData.Seller1);
        await Calls.JoinAsync(callId, customer, default);
        _host.Time.Advance(Deadline);
        await Incoming.ExpireDueAsync(default);

        Assert.True(await Calls.LeaveAsync(callId, customer.ParticipantId, default));

        Assert.Equal(CallState.Cancelled, (await _host.Data.CallAsync(callId)).State);
        Assert.Contains(await _host.EventsAsync<RingEnded>(), e => e.CallId == callId && e.Outcome == CallState.Cancelled);
        Assert.DoesNotContain(await _host.Data.MessagesAsync(callId), m => m.Status == OutboxStatus.Queued);
    }

    [Fact]
    public async Task RingTime_CountsFromTheMomentItRangAgain()
    {
        var ringTime = (await _host.Data.LocationAsync("downtown")).RingTimeout;
        var callId = await _host.Data.RingAsync();
        await _host.Data.AcceptAsync(callId);
        _host.Time.Advance(Deadline);
        await Incoming.ExpireDueAsync(default);

        _host.Time.Advance(ringTime - TimeSpan.FromSeconds(1)); // long past the first ring's end
        Assert.Equal(0, await Incoming.ExpireDueAsync(default));
        Assert.Equal(CallState.Ringing, (await _host.Data.CallAsync(callId)).State);
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Incoming.ExpireDueAsync(default));
        Assert.Equal(CallState.Unanswered, (await _host.Data.CallAsync(callId)).State);
    }

    [Fact]
    public async Task OthersToasts_RingAgainSayingWhoDidNotJoin_AndTheLateSellerGetsNone()
    {
        var (seller1, seller2) = (await _host.Data.ScopeOfAsync(TestData.Seller1), await _host.Data.ScopeOfAsync(TestData.Seller2));
        var toasts1 = await ToastListForAsync(seller1);
        var toasts2 = await ToastListForAsync(seller2);
        var callId = await _host.Data.RingAsync();
        await _host.Data.AcceptAsync(callId, TestData.Seller1);
        await _host.DeliveredAsync();
        Assert.Equal(RingToastState.Answered, Assert.Single(toasts2.Toasts).State);

        _host.Time.Advance(Deadline);
        await Incoming.ExpireDueAsync(default);
        await _host.DeliveredAsync();

        var again = Assert.Single(toasts2.Toasts); // the "Answered by" toast makes way
        Assert.Equal((callId, RingToastState.Ringing, "Sam Seller"), (again.CallId, again.State, again.NotJoinedBy));
        Assert.Empty(toasts1.Toasts);
        Assert.Empty(await Incoming.RingingForAsync(seller1.UserId, default)); // not after a reload either
        Assert.Equal("Sam Seller", Assert.Single(await Incoming.RingingForAsync(seller2.UserId, default)).NotJoinedBy);
    }

    private async Task<RingToastList> ToastListForAsync(TenantScope user)
    {
        var list = ActivatorUtilities.CreateInstance<RingToastList>(_host.Services, _host.Bus);
        _lists.Add(list);
        await list.StartAsync(user, work => work(), () => Task.CompletedTask, default);
        return list;
    }
}
