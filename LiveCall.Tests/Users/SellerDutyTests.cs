using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Users;

/// <summary>
/// Who is on duty, on the fake clock (Monday 23 Nov 2026, 09:00 UTC = 10:00 in Berlin): a duty starts at sign-in or
/// dashboard, outlives a closed dashboard, and ends with Away, logout, the location's closing hour in its own time zone,
/// or a shift length without any sign of the seller.
/// </summary>
public sealed class SellerDutyTests
{
    private static async Task<(ServiceHost App, Location Location, TenantScope Seller)> SetUpAsync(OpeningHours hours, string timeZone = "Europe/Berlin",
        TimeSpan? shift = null)
    {
        var app = await ServiceHost.StartAsync();
        var location = await app.Data.AddDemoLocationAsync("harbour", timeZone, hours);
        if (shift is { } s)
        {
            await using var db = await app.DbAsync();
            var row = await db.Locations.SingleAsync(l => l.Id == location.Id);
            row.SetDutyRules(s, Location.DefaultAcceptDeadline);
            await db.SaveChangesAsync();
        }
        var seller = await app.Data.AddUserAsync("hanna@livecall.demo", StaffRole.Seller, location.DealerId, location.Id, displayName: "Hanna Hafen");
        return (app, location, seller);
    }

    private static async Task<int> RingAsync(ServiceHost app)
    {
        var start = await app.Get<IncomingCallService>().StartAsync(TestData.DemoDealer, "harbour", "Clara Kunde", default);
        Assert.NotEqual(RingRefusal.Closed, start.Refusal);
        return start.SellersRinging;
    }

    private static Task<SellerStatus> StatusAsync(ServiceHost app, TenantScope seller) => app.Get<SellerAvailability>().StatusOfAsync(seller.UserId, default);

    [Fact]
    public async Task ADutyStartedAtTheDashboard_OutlivesTheClosedDashboard_AndEndsAtTheClosingHourInTheLocationsTimeZone()
    {
        var (app, _, seller) = await SetUpAsync(OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(18, 0), DayOfWeek.Monday, DayOfWeek.Tuesday));
        await using var _ = app;
        Assert.Equal(0, await RingAsync(app)); // never signed in: off duty
        Assert.Equal(SellerStatus.OffDuty, await StatusAsync(app, seller));

        var circuit = await app.Data.OpenDashboardAsync(seller);
        await app.Get<PresenceService>().CloseAsync(circuit, default); // tab closed
        Assert.Equal(SellerStatus.Available, await StatusAsync(app, seller));

        app.Time.Advance(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(58)); // 17:58 in Berlin (16:58 UTC)
        Assert.Equal(1, await RingAsync(app));

        app.Time.Advance(TimeSpan.FromMinutes(2)); // 18:00 in Berlin: closed for the day, the duty is over
        Assert.Equal(SellerStatus.OffDuty, await StatusAsync(app, seller));
        app.Time.Advance(TimeSpan.FromHours(15) + TimeSpan.FromMinutes(5)); // Tuesday 09:05: open again, but nobody signed in
        Assert.Equal(0, await RingAsync(app));

        await app.Get<SellerDuty>().SignedInAsync(seller.UserId, default);
        Assert.Equal(1, await RingAsync(app));
    }

    [Fact]
    public async Task AtALocationOpenAroundTheClock_TheDutyEndsAShiftLengthAfterTheLastSign_AndAnOpenDashboardIsASign()
    {
        var (app, _, seller) = await SetUpAsync(OpeningHours.AlwaysOpen, shift: TimeSpan.FromHours(10));
        await using var _ = app;
        var duty = app.Get<SellerDuty>();
        await duty.SignedInAsync(seller.UserId, default); // 10:00 Berlin, then goes home without logging out

        app.Time.Advance(TimeSpan.FromHours(10) - TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RingAsync(app));
        app.Time.Advance(TimeSpan.FromMinutes(1)); // 20:00: ten hours without a sign of them
        Assert.Equal(0, await RingAsync(app));
        Assert.Equal(SellerStatus.OffDuty, await StatusAsync(app, seller));

        // A dashboard left open is a sign of them: the heartbeat keeps the shift going.
        await duty.SignedInAsync(seller.UserId, default);
        await app.Get<PresenceService>().OpenAsync("circuit-1", "instance-a", seller, default);
        for (var hour = 0; hour < 12; hour++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            await app.Get<PresenceService>().HeartbeatAsync("instance-a", default);
            await duty.HeartbeatAsync("instance-a", default);
        }
        Assert.Equal(1, await RingAsync(app));
    }

    [Fact]
    public async Task AwayAndLogout_EndTheRing_ReopeningTheDashboardKeepsAway_AndAvailableFromAnotherDeviceRingsAgain()
    {
        var (app, _, seller) = await SetUpAsync(OpeningHours.AlwaysOpen);
        await using var _ = app;
        var duty = app.Get<SellerDuty>();
        await app.Data.OpenDashboardAsync(seller);
        Assert.Equal(1, await RingAsync(app));

        await duty.SetAwayAsync(seller.UserId, default);
        await app.Data.OpenDashboardAsync(seller); // another tab or a reload
        Assert.Equal(SellerStatus.Away, await StatusAsync(app, seller));
        Assert.Equal(0, await RingAsync(app));

        await duty.SetAvailableAsync(seller.UserId, default); // from the phone
        Assert.Equal(1, await RingAsync(app));

        await duty.EndAsync(seller.UserId, default); // logged out
        Assert.Equal(0, await RingAsync(app));
        Assert.Contains(await app.EventsAsync<PresenceChanged>(), e => e.LocationId == seller.LocationId);
    }

    [Fact]
    public async Task AnOpenDashboardAcrossTheClosingHour_IsRecordedOffDutyByTheHeartbeat_AndTheChipsAreTold()
    {
        var (app, _, seller) = await SetUpAsync(OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(18, 0), DayOfWeek.Monday, DayOfWeek.Tuesday));
        await using var _ = app;
        await app.Get<PresenceService>().OpenAsync("circuit-1", "instance-a", seller, default);
        var before = (await app.EventsAsync<PresenceChanged>()).Count;

        app.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(30)); // 18:00:30 in Berlin
        await app.Get<SellerDuty>().HeartbeatAsync("instance-a", default);

        Assert.Equal(SellerStatus.OffDuty, await StatusAsync(app, seller));
        Assert.True((await app.EventsAsync<PresenceChanged>()).Count > before);
        await using var db = await app.DbAsync();
        Assert.Equal(DutyState.OffDuty, (await db.Duty.SingleAsync(d => d.UserId == seller.UserId)).State);
    }

    public static TheoryData<string, string, string?> Closings => new()
    {
        // Open now: today's closing. Closed now: the end of the next opening. Touching intervals are one period.
        { "2026-11-23T09:00:00Z", "Mon 09:00-18:00", "2026-11-23T17:00:00Z" },
        { "2026-11-23T18:30:00Z", "Mon 09:00-18:00, Tue 09:00-18:00", "2026-11-24T17:00:00Z" },
        { "2026-11-23T22:00:00Z", "Mon 20:00-00:00, Tue 00:00-02:00", "2026-11-24T01:00:00Z" },
        { "2026-11-23T09:00:00Z", "always", null },
        // Berlin's summer time: 18:00 CEST is 16:00 UTC.
        { "2026-07-06T08:00:00Z", "Mon 09:00-18:00", "2026-07-06T16:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Closings))]
    public void NextClosing_IsTheEndOfTheCurrentOrNextOpenPeriod(string now, string hours, string? expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var closing = Parse(hours).NextClosing(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), zone);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), closing);
    }

    private static OpeningHours Parse(string hours)
    {
        if (hours == "always") return OpeningHours.AlwaysOpen;
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var part in hours.Split(", "))
        {
            var day = part[..3] switch { "Mon" => DayOfWeek.Monday, "Tue" => DayOfWeek.Tuesday, _ => throw new ArgumentException(part) };
            var times = part[4..].Split('-');
            days[day] = [new OpeningInterval(TimeOnly.Parse(times[0], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(times[1], System.Globalization.CultureInfo.InvariantCulture))];
        }
        return new OpeningHours(days);
    }
}
