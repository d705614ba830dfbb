using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>
/// Opening hours decide in each location's own time zone, also in the week between the European (25 Oct 2026) and the
/// American (1 Nov 2026) end of summer time; each location's ring time ends its rings.
/// </summary>
public sealed class RingHoursAndTimeoutTests : IAsyncLifetime
{
    // Friday 2026-10-30 12:30 UTC: 08:30 in New York (EDT, UTC-4), 13:30 in Berlin (CET, UTC+1, summer time over since Sunday).
    private static readonly DateTimeOffset Friday = DateTimeOffset.Parse("2026-10-30T12:30:00Z");
    private ServiceHost _host = default!;
    private FakeTimeProvider _time = default!;
    private readonly List<TenantScope> _sellers = [];
    private Guid? _worldCars;

    public async Task InitializeAsync()
    {
        _host = await ServiceHost.StartAsync(o => o.Start = Friday);
        _time = _host.Time;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A dealer with a weekday 09–17 location in <paramref name="zone"/> and one seller there with an open dashboard.</summary>
    private async Task AddLocationWithSellerAsync(string slug, string zone, TimeSpan ringTimeout)
    {
        _worldCars ??= (await _host.Data.AddDealerAsync("World Cars", "world-cars", "US")).Id;
        var hours = OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(17, 0),
            DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday);
        var location = await _host.Data.AddLocationAsync(_worldCars.Value, slug, slug, zone, hours, "US", ringTimeout);
        var seller = await _host.Data.AddUserAsync($"{slug}@livecall.test", StaffRole.Seller, _worldCars, location.Id, displayName: $"Seller {slug}");
        _sellers.Add(seller);
        await _host.Data.OpenDashboardAsync(seller);
    }

    /// <summary>After an hour's jump the test's presence rows are stale (nothing beats for them): the sellers open their dashboards again.</summary>
    private async Task ReopenDashboardsAsync()
    {
        foreach (var seller in _sellers) await _host.Data.OpenDashboardAsync(seller);
    }

    private async Task<CallState> StateAsync(Guid callId)
    {
        await using var db = await _host.DbAsync();
        return await db.Calls.Where(c => c.Id == callId).Select(c => c.State).SingleAsync();
    }

    [Fact]
    public async Task OpeningHours_AreReadInEachLocationsZone_AcrossTheAmericanEndOfSummerTime()
    {
        await AddLocationWithSellerAsync("new-york", "America/New_York", TimeSpan.FromSeconds(60));
        await AddLocationWithSellerAsync("berlin", "Europe/Berlin", TimeSpan.FromSeconds(60));
        var incoming = _host.Get<IncomingCallService>();

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
        var incoming = _host.Get<IncomingCallService>();
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
        await using (var db = await _host.DbAsync())
        {
            (await db.Locations.SingleAsync(l => l.Slug == "berlin")).IsActive = false;
            await db.SaveChangesAsync();
        }

        var start = await _host.Get<IncomingCallService>().StartAsync("world-cars", "berlin", "Clara", default);

        Assert.Equal((RingRefusal.Inactive, (Guid?)null), (start.Refusal, start.CallId));
        await using var check = await _host.DbAsync();
        var berlin = await check.Locations.Where(l => l.Slug == "berlin").Select(l => l.Id).SingleAsync();
        Assert.False(await check.Calls.AnyAsync(c => c.LocationId == berlin));
    }
}
