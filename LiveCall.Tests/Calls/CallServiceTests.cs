using LiveCall.Core.Calls;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Calls;

/// <summary>The call lifecycle on one host for the class (each test starts its own calls; the clock only moves forward).</summary>
public sealed class CallServiceTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    private readonly FakeTimeProvider _time = host.Time;

    private CallService Calls => host.Get<CallService>();
    private CallAccessTokens Tokens => host.Get<CallAccessTokens>();

    [Fact]
    public async Task Call_IsConnectedWhenTwoAreIn_AndEndsWithItsDurationWhenTheLastLeaves()
    {
        var seller = await host.Data.ScopeOfAsync(TestData.Seller1);
        var call = await Calls.StartFollowUpAsync(seller, CancellationToken.None);
        var guest = await Tokens.InviteAsync(call.Id, ParticipantKind.Guest, "Gina Guest", TimeSpan.FromHours(1), CancellationToken.None);
        var holder = (await Tokens.ValidateAsync(guest.Token, CancellationToken.None))!;

        var sellerJoin = await Calls.JoinAsync(call.Id, new CallIdentity.Staff(seller, "Sam Seller"), CancellationToken.None);
        var waiting = await host.Data.FindCallAsync(call.Id);
        _time.Advance(TimeSpan.FromSeconds(30));
        await Calls.JoinAsync(call.Id, holder, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(95));
        var firstLeft = await Calls.LeaveAsync(call.Id, guest.ParticipantId, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        var lastLeft = await Calls.LeaveAsync(call.Id, sellerJoin.Participant!.Id, CancellationToken.None);
        var ended = (await host.Data.FindCallAsync(call.Id))!;

        Assert.Equal(CallState.Waiting, waiting!.State);
        Assert.False(firstLeft);
        Assert.True(lastLeft);
        Assert.Equal(CallState.Ended, ended.State);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddSeconds(-100), ended.ConnectedUtc);
        Assert.Equal(100, ended.DurationSeconds);
        Assert.All(ended.Participants, p => Assert.NotNull(p.LeftUtc));
    }

    [Fact]
    public async Task Join_AfterTheCallEnded_ReturnsEnded()
    {
        var seller = await host.Data.ScopeOfAsync(TestData.Seller1);
        var call = await Calls.StartFollowUpAsync(seller, CancellationToken.None);
        var join = await Calls.JoinAsync(call.Id, new CallIdentity.Staff(seller, "Sam"), CancellationToken.None);
        await Calls.LeaveAsync(call.Id, join.Participant!.Id, CancellationToken.None);

        var again = await Calls.JoinAsync(call.Id, new CallIdentity.Staff(seller, "Sam"), CancellationToken.None);

        Assert.Equal(JoinStatus.Ended, again.Status);
        Assert.Null((await host.Data.FindCallAsync(call.Id))!.DurationSeconds);
    }

    [Fact]
    public async Task Join_OfASeventhParty_ReturnsFull()
    {
        var seller = await host.Data.ScopeOfAsync(TestData.Seller1);
        var call = await Calls.StartFollowUpAsync(seller, CancellationToken.None);
        await Calls.JoinAsync(call.Id, new CallIdentity.Staff(seller, "Sam"), CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            var invitation = await Tokens.InviteAsync(call.Id, ParticipantKind.Guest, $"Guest {i}", TimeSpan.FromHours(1), CancellationToken.None);
            Assert.Equal(JoinStatus.Joined, (await Calls.JoinAsync(call.Id, (await Tokens.ValidateAsync(invitation.Token, CancellationToken.None))!, CancellationToken.None)).Status);
        }
        var seventh = await Tokens.InviteAsync(call.Id, ParticipantKind.Guest, "Seventh", TimeSpan.FromHours(1), CancellationToken.None);

        var outcome = await Calls.JoinAsync(call.Id, (await Tokens.ValidateAsync(seventh.Token, CancellationToken.None))!, CancellationToken.None);

        Assert.Equal(JoinStatus.Full, outcome.Status);
    }

    [Fact]
    public async Task AccessToken_IsStoredOnlyAsAHash_AndExpires()
    {
        var seller = await host.Data.ScopeOfAsync(TestData.Seller1);
        var call = await Calls.StartFollowUpAsync(seller, CancellationToken.None);
        var invitation = await Tokens.InviteAsync(call.Id, ParticipantKind.Customer, "Carl Customer", TimeSpan.FromMinutes(30), CancellationToken.None);
        await using var db = await host.DbAsync();
        var stored = await db.CallParticipants.SingleAsync(p => p.Id == invitation.ParticipantId);

        var valid = await Tokens.ValidateAsync(invitation.Token, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(31));
        var expired = await Tokens.ValidateAsync(invitation.Token, CancellationToken.None);

        Assert.True(invitation.Token.Length >= 43); // 256 bits, base64url
        Assert.NotEqual(invitation.Token, stored.AccessTokenHash);
        Assert.DoesNotContain(invitation.Token, stored.AccessTokenHash!);
        Assert.Equal(ParticipantKind.Customer, valid!.Kind);
        Assert.Equal(call.Id, valid.CallId);
        Assert.Null(expired);
        Assert.Null(await Tokens.ValidateAsync(new string('x', 5000), CancellationToken.None));
    }

    [Fact]
    public async Task SeatsNoInstanceReports_AreClosedAfterTwoMinutes_AndTheLastOneEndsTheCall()
    {
        var seller = await host.Data.ScopeOfAsync(TestData.Seller1);
        var call = await Calls.StartFollowUpAsync(seller, CancellationToken.None);
        var guest = await Tokens.InviteAsync(call.Id, ParticipantKind.Guest, "Gina Guest", TimeSpan.FromHours(1), CancellationToken.None);
        var sellerSeat = (await Calls.JoinAsync(call.Id, new CallIdentity.Staff(seller, "Sam Seller"), CancellationToken.None)).Participant!.Id;
        await Calls.JoinAsync(call.Id, (await Tokens.ValidateAsync(guest.Token, CancellationToken.None))!, CancellationToken.None);

        // Both seats were reported once; then the guest's server went away, the seller's kept reporting.
        await Calls.TouchSeatsAsync([sellerSeat, guest.ParticipantId], CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(90));
        await Calls.TouchSeatsAsync([sellerSeat], CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(31));
        await Calls.CloseAbandonedSeatsAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        var afterGuest = (await host.Data.FindCallAsync(call.Id))!;
        Assert.NotNull(afterGuest.Participants.Single(p => p.Id == guest.ParticipantId).LeftUtc);
        Assert.Null(afterGuest.Participants.Single(p => p.Id == sellerSeat).LeftUtc);
        Assert.Equal(CallState.Connected, afterGuest.State);

        _time.Advance(TimeSpan.FromMinutes(3));
        await Calls.CloseAbandonedSeatsAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
        Assert.Equal(CallState.Ended, (await host.Data.FindCallAsync(call.Id))!.State);
    }

    [Fact]
    public async Task ASeatSeenOnlyAtTheJoin_IsClosedAfterTheStaleTime_LikeOneNoInstanceReportsAnyMore()
    {
        // Issue 12: a crash in the first seconds of a call (before any seat heartbeat) must not leave the seller "busy" for ever.
        var seller = await host.Data.ScopeOfAsync(TestData.Seller1);
        var call = await Calls.StartFollowUpAsync(seller, CancellationToken.None);
        await Calls.JoinAsync(call.Id, new CallIdentity.Staff(seller, "Sam Seller"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Empty(await Calls.CloseAbandonedSeatsAsync(TimeSpan.FromMinutes(2), CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Single(await Calls.CloseAbandonedSeatsAsync(TimeSpan.FromMinutes(2), CancellationToken.None));

        Assert.Equal(CallState.Ended, (await host.Data.FindCallAsync(call.Id))!.State);
    }
}
