using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// Opening hours decide in each location's own time zone, also in the week between the European (25 Oct 2026) and the
/// American (1 Nov 2026) end of summer time; each location's ring time ends its rings.
/// </summary>
public sealed class RingHoursAndTimeoutTests : IAsyncLifetime
{
    // Friday 2026-10-30 12:30 UTC: 08:30 in New York (EDT, UTC-4), 13:30 in Berlin (CET, UTC+1, summer time over since Sunday).
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-10-30T12:30:00Z"));
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Time = _time };
        _ = _app.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A dealer with a weekday 09–17 location in <paramref name="zone"/> and one seller there with an open dashboard.</summary>
    private async Task AddLocationWithSellerAsync(string slug, string zone, TimeSpan ringTimeout)
    {
        await using var db = await Service<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var dealer = await db.Dealers.SingleOrDefaultAsync(d => d.Slug == "world-cars") ?? new Dealer("World Cars", "world-cars", "US", _time.GetUtcNow().UtcDateTime);
        if (db.Entry(dealer).State == EntityState.Detached) db.Dealers.Add(dealer);
        var hours = OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(17, 0),
            DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday);
        var location = new Location(dealer.Id, slug, slug, "US", zone, hours);
        location.Update(slug, slug, "US", zone, hours, ringTimeout);
        var seller = StaffUser.Create($"{slug}@livecall.test", $"Seller {slug}", StaffRole.Seller, dealer.Id, location.Id, _time.GetUtcNow().UtcDateTime);
        db.AddRange(location, seller);
        await db.SaveChangesAsync();
        _sellers.Add(TenantScope.For(seller));
        await Service<PresenceService>().OpenAsync(Guid.NewGuid().ToString(), "test", TenantScope.For(seller), default);
    }

    private readonly List<TenantScope> _sellers = [];

    /// <summary>After an hour's jump the app's heartbeat has dropped the test's presence rows as stale: the sellers open their dashboards again.</summary>
    private async Task ReopenDashboardsAsync()
    {
        foreach (var seller in _sellers) await Service<PresenceService>().OpenAsync(Guid.NewGuid().ToString(), "test", seller, default);
    }

    private async Task<CallState> StateAsync(Guid callId)
    {
        await using var db = await Service<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        return await db.Calls.Where(c => c.Id == callId).Select(c => c.State).SingleAsync();
    }

    [Fact]
    public async Task OpeningHours_AreReadInEachLocationsZone_AcrossTheAmericanEndOfSummerTime()
    {
        await AddLocationWithSellerAsync("new-york", "America/New_York", TimeSpan.FromSeconds(60));
        await AddLocationWithSellerAsync("berlin", "Europe/Berlin", TimeSpan.FromSeconds(60));
        var incoming = Service<IncomingCallService>();

        // 08:30 in New York: closed until 09:00 EDT = 13:00 UTC. 13:30 in Berlin: open.
        var early = await incoming.StartAsync("world-cars", "new-york", "Clara", default);
        Assert.Equal((RingRefusal.Closed, DateTimeOffset.Parse("2026-10-30T13:00:00Z")), (early.Refusal, early.NextOpening));
        Assert.Equal(RingRefusal.None, (await incoming.StartAsync("world-cars", "berlin", "Clara", default)).Refusal);

        // 09:30 in New York: open. 
        _time.Advance(TimeSpan.FromHours(1));
        await ReopenDashboardsAsync();
        Assert.Equal(RingRefusal.None, (await incoming.StartAsync("world-cars", "new-york", "Clara", default)).Refusal);

        // Friday 17:30 EDT: closed; Monday 09:00 is already EST (UTC-5) after 1 November, so 14:00 UTC, not 13:00.
        _time.Advance(TimeSpan.FromHours(8));
        var evening = await incoming.StartAsync("world-cars", "new-york", "Clara", default);
        Assert.Equal((RingRefusal.Closed, DateTimeOffset.Parse("2026-11-02T14:00:00Z")), (evening.Refusal, evening.NextOpening));
        var berlinEvening = await incoming.StartAsync("world-cars", "berlin", "Clara", default);
        Assert.Equal((RingRefusal.Closed, DateTimeOffset.Parse("2026-11-02T08:00:00Z")), (berlinEvening.Refusal, berlinEvening.NextOpening));
    }

    [Fact]
    public async Task EachLocationsRingTime_EndsItsOwnRings()
    {
        _time.Advance(TimeSpan.FromHours(1)); // 09:30 New York, 14:30 Berlin: both open
        await AddLocationWithSellerAsync("new-york", "America/New_York", TimeSpan.FromSeconds(20));
        await AddLocationWithSellerAsync("berlin", "Europe/Berlin", TimeSpan.FromSeconds(45));
        var incoming = Service<IncomingCallService>();
        var short_ = await incoming.StartAsync("world-cars", "new-york", "Clara", default);
        var long_ = await incoming.StartAsync("world-cars", "berlin", "Clara", default);

        _time.Advance(TimeSpan.FromSeconds(20));
        await incoming.ExpireDueAsync(default);
        Assert.Equal((CallState.Unanswered, CallState.Ringing), (await StateAsync(short_.CallId!.Value), await StateAsync(long_.CallId!.Value)));

        _time.Advance(TimeSpan.FromSeconds(25));
        await incoming.ExpireDueAsync(default);
        Assert.Equal(CallState.Unanswered, await StateAsync(long_.CallId!.Value));
    }

    [Fact]
    public async Task DeactivatedLocation_RingsNobodyAndRecordsNothing()
    {
        _time.Advance(TimeSpan.FromHours(1));
        await AddLocationWithSellerAsync("berlin", "Europe/Berlin", TimeSpan.FromSeconds(60));
        await using (var db = await Service<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync())
        {
            (await db.Locations.SingleAsync(l => l.Slug == "berlin")).IsActive = false;
            await db.SaveChangesAsync();
        }

        var start = await Service<IncomingCallService>().StartAsync("world-cars", "berlin", "Clara", default);

        Assert.Equal((RingRefusal.Inactive, (Guid?)null), (start.Refusal, start.CallId));
        await using var check = await Service<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var berlin = await check.Locations.Where(l => l.Slug == "berlin").Select(l => l.Id).SingleAsync();
        Assert.False(await check.Calls.AnyAsync(c => c.LocationId == berlin));
    }
}
