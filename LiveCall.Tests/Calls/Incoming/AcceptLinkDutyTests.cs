using System.Net;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static LiveCall.Tests.Support.AcceptLinkForm;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>The accept link's duty actions over HTTP: "I'm away for today" and "I'm available", for twelve hours after the ring.</summary>
public sealed class AcceptLinkDutyTests : IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Options = { FakeClock = true } };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private StaffHttpClient Browser() => new(_app.BaseAddress);

    private async Task<Call> CallAsync(Guid id)
    {
        await using var db = await _app.DbAsync();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task AwayLink_ShowsTheAwayActionFirst_AndNeverAcceptsByItself()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        using var seller1 = Browser();
        await seller1.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var page = await seller1.Http.GetStringAsync($"r/{token}?away=1");

        Assert.Contains("data-focus=\"away\"", page);
        Assert.Contains("Away for today?", page);
        Assert.DoesNotContain("data-auto-accept", page); // even in the seller's own signed-in browser
        Assert.True(page.IndexOf("accept-link-set-away", StringComparison.Ordinal) < page.IndexOf("accept-link-accept", StringComparison.Ordinal));
        Assert.Equal(CallState.Ringing, (await CallAsync(callId)).State);
        var seller = await _app.Data.ScopeOfAsync(TestData.Seller1);
        Assert.Equal(SellerStatus.Available, await _app.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));
    }

    [Fact]
    public async Task AfterAMissedRing_TheLinkShowsTheOutcome_AndServesTheDutyForTwelveHours()
    {
        var callId = await _app.Data.RingAsync();
        var token = await _app.Data.LinkTokenAsync(callId, TestData.Seller1);
        var seller = await _app.Data.ScopeOfAsync(TestData.Seller1);
        await _app.Get<IncomingCallService>().CancelAsync(callId, default);
        _app.Time.Advance(TimeSpan.FromHours(2));
        using var phone = Browser();

        var missed = await PageAsync(phone, $"r/{token}");
        Assert.Contains("data-testid=\"accept-link-missed\"", missed);
        Assert.Contains("Clara Kunde called Downtown. Nobody answered the call.", missed);
        Assert.Contains("data-testid=\"accept-link-set-away\"", missed);

        var away = await PostFormAsync(phone, $"r/{token}", missed, "away");
        var awayBody = await away.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        Assert.Contains("data-testid=\"accept-link-away\"", awayBody);
        Assert.Contains("Calls no longer reach you until you are available again.", awayBody);
        Assert.Equal(SellerStatus.Away, await _app.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));

        var again = await PageAsync(phone, $"r/{token}");
        Assert.Contains("data-testid=\"accept-link-set-available\"", again);
        var available = await PostFormAsync(phone, $"r/{token}", again, "available");
        Assert.Contains("data-testid=\"accept-link-available\"", await available.Content.ReadAsStringAsync());
        Assert.Equal(SellerStatus.Available, await _app.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));

        _app.Time.Advance(RingAcceptLinks.DutyWindow - TimeSpan.FromHours(2));
        var late = await PostFormAsync(phone, $"r/{token}", again, "away");
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("data-testid=\"accept-link-invalid\"", await late.Content.ReadAsStringAsync());
        Assert.NotEqual(SellerStatus.Away, await _app.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default));
    }
}
