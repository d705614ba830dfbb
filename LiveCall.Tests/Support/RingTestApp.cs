using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>
/// The real app on a fake clock (Monday 10:00 in Berlin: Downtown and Airport are open) with a recording bus
/// subscription, and helpers to add staff users anywhere and open their dashboards (presence rows). Subscribe through
/// <see cref="Bus"/> to be able to wait for delivery (<see cref="DeliveredAsync"/>).
/// </summary>
public sealed class RingTestApp : IAsyncDisposable
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));
    public LiveCallAppFactory App { get; }
    private readonly List<LiveEvent> _events = [];
    private readonly IAsyncDisposable _subscription;

    public RingTestApp()
    {
        App = new LiveCallAppFactory { Time = Time };
        _ = App.BaseAddress;
        Bus = new TrackedLiveEventBus(Get<ILiveEventBus>());
        _subscription = Bus.Subscribe(_ => true, (e, _) => { lock (_events) _events.Add(e); return Task.CompletedTask; });
    }

    public TrackedLiveEventBus Bus { get; }

    /// <summary>Returns once the recording subscription, and every other one made through <see cref="Bus"/>, has handled what was published so far.</summary>
    public Task DeliveredAsync() => Bus.DeliveredAsync();

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The events of type <typeparamref name="T"/> published so far (waits for their delivery).</summary>
    public async Task<IReadOnlyList<T>> EventsAsync<T>() where T : LiveEvent
    {
        await DeliveredAsync();
        lock (_events) return _events.OfType<T>().ToList();
    }

    public LiveCallDbContext Db() => Get<IDbContextFactory<LiveCallDbContext>>().CreateDbContext();

    public Task<TenantScope> ScopeOfAsync(string email) => CallsTestData.ScopeOfAsync(App, email);

    public async Task<Location> LocationAsync(string slug)
    {
        await using var db = Db();
        return await db.Locations.AsNoTracking().SingleAsync(l => l.Slug == slug && l.Dealer!.Slug == "demo-motors");
    }

    /// <summary>A staff user of its own (not from the demo seed); <paramref name="change"/> may make them away or inactive.</summary>
    public async Task<TenantScope> AddUserAsync(string email, StaffRole role, Guid? dealerId, Guid? locationId, Action<StaffUser>? change = null)
    {
        await using var db = Db();
        var user = StaffUser.Create(email, email.Split('@')[0], role, dealerId, locationId, Time.GetUtcNow().UtcDateTime);
        user.NormalizedEmail = user.NormalizedUserName = email.ToUpperInvariant();
        change?.Invoke(user);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return TenantScope.For(user);
    }

    /// <summary>A second dealer with an always-open location, to prove rings never cross dealers.</summary>
    public async Task<Location> AddOtherDealerAsync()
    {
        await using var db = Db();
        var dealer = new Dealer("Autohaus Anders", "autohaus-anders", "DE", Time.GetUtcNow().UtcDateTime);
        var location = new Location(dealer.Id, "Mitte", "downtown", "DE", "Europe/Berlin", OpeningHours.AlwaysOpen);
        db.Dealers.Add(dealer);
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        return location;
    }

    /// <summary>Puts the user into a connected FollowUp call of their location as a present participant.</summary>
    public async Task MakeBusyAsync(TenantScope user, CallState state = CallState.Connected)
    {
        await using var db = Db();
        var call = new Call(CallKind.FollowUp, user.DealerId!.Value, user.LocationId!.Value, Time.GetUtcNow().UtcDateTime) { State = state };
        var participant = new CallParticipant(call.Id, ParticipantKind.Staff, "busy seller", user.UserId);
        participant.Join(Time.GetUtcNow().UtcDateTime);
        db.Calls.Add(call);
        db.CallParticipants.Add(participant);
        await db.SaveChangesAsync();
    }

    public async Task OpenDashboardAsync(TenantScope user) =>
        await Get<PresenceService>().OpenAsync(Guid.NewGuid().ToString(), "test-instance", user, default);

    public async Task<List<string>> RingTargetsAsync(Guid callId)
    {
        await using var db = Db();
        return await db.RingTargets.Where(t => t.CallId == callId).Select(t => t.UserId).ToListAsync();
    }

    public async Task<Call> CallAsync(Guid callId)
    {
        await using var db = Db();
        return await db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId);
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync();
        await App.DisposeAsync();
    }
}
