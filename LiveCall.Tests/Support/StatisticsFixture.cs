using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>A migrated SQLite file with dealer A (Berlin) and dealer B (New York), a clock, and helpers to add calls.</summary>
public sealed class StatisticsWorld : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "livecall-tests", $"stats-{Guid.NewGuid():N}.db");

    private StatisticsWorld(DateTimeOffset now) => Time = new FakeTimeProvider(now);

    public FakeTimeProvider Time { get; }
    public IDbContextFactory<LiveCallDbContext> Db { get; private set; } = default!;
    public StatisticsService Statistics { get; private set; } = default!;
    public PresenceService Presence { get; private set; } = default!;
    public Guid DealerA { get; } = Guid.NewGuid();
    public Guid Berlin { get; private set; }
    public Guid DealerB { get; private set; }
    public Guid NewYork { get; private set; }

    public TenantScope Platform => new("p", StaffRole.PlatformAdmin, null, null);
    public TenantScope AdminA => new("a", StaffRole.DealerAdmin, DealerA, null);
    public TenantScope AdminB => new("b", StaffRole.DealerAdmin, DealerB, null);
    public TenantScope SellerBerlin => new("s", StaffRole.Seller, DealerA, Berlin);

    public static async Task<StatisticsWorld> CreateAsync(DateTimeOffset now)
    {
        var world = new StatisticsWorld(now);
        await world.InitializeAsync();
        return world;
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var options = new DbContextOptionsBuilder<LiveCallDbContext>().UseSqlite($"Data Source={_path}").Options;
        Db = new Factory(options);
        await using var db = await Db.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var a = new Dealer("Dealer A", "dealer-a", "DE", Time.GetUtcNow().UtcDateTime);
        var b = new Dealer("Dealer B", "dealer-b", "US", Time.GetUtcNow().UtcDateTime);
        typeof(Dealer).GetProperty(nameof(Dealer.Id))!.SetValue(a, DealerA);
        var berlin = new Location(a.Id, "Berlin", "berlin", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen);
        var newYork = new Location(b.Id, "New York", "new-york", "US", "America/New_York", OpeningHours.AlwaysOpen);
        db.AddRange(a, b, berlin, newYork);
        await db.SaveChangesAsync();
        (Berlin, DealerB, NewYork) = (berlin.Id, b.Id, newYork.Id);
        Presence = new PresenceService(Db, new InProcessLiveEventBus(NullLogger<InProcessLiveEventBus>.Instance), Time);
        Statistics = new StatisticsService(Db, Presence, Time);
    }

    /// <summary>Adds an incoming call at <paramref name="location"/>, accepted after <paramref name="answerAfter"/> and lasting <paramref name="duration"/>, or unanswered.</summary>
    public async Task<Call> AddCallAsync(Guid location, string createdUtc, TimeSpan? answerAfter = null, TimeSpan? duration = null, CallKind kind = CallKind.Incoming)
    {
        var dealer = location == Berlin ? DealerA : DealerB;
        var created = DateTime.SpecifyKind(DateTime.Parse(createdUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);
        var call = new Call(kind, dealer, location, created);
        if (answerAfter is { } wait)
        {
            call.AcceptedUtc = created + wait;
            call.ConnectedUtc = created + wait;
            call.EndedUtc = duration is { } d ? created + wait + d : null;
            call.State = duration is null ? CallState.Connected : CallState.Ended;
        }
        else call.State = kind == CallKind.Incoming ? CallState.Unanswered : CallState.Ended;
        await using var db = await Db.CreateDbContextAsync();
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { File.Delete(_path); } catch (IOException) { }
        await Task.CompletedTask;
    }

    private sealed class Factory(DbContextOptions<LiveCallDbContext> options) : IDbContextFactory<LiveCallDbContext>
    {
        public LiveCallDbContext CreateDbContext() => new(options);
    }
}
