using System.Text.RegularExpressions;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.FollowUp;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Support;

/// <summary>
/// The tests' data, built and read the same way on a <see cref="ServiceHost"/> and on a <see cref="LiveCallAppFactory"/>:
/// the demo seed's names, dealers, locations (opening hours, ring time, escalation delays), staff users, calls in a
/// state, open dashboards, and what the outbox holds for a call. Times come from the host's clock.
/// </summary>
public sealed partial class TestData(IServiceProvider services)
{
    public const string DemoPassword = "Test-Demo-Pass-1!";
    public const string DemoDealer = "demo-motors";
    public const string PlatformAdmin = "admin@livecall.demo";
    public const string DealerAdmin = "dealer-admin@livecall.demo";
    public const string Seller1 = "seller1@livecall.demo";
    public const string Seller2 = "seller2@livecall.demo";

    private DateTime Now => services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private Task<LiveCallDbContext> DbAsync() => services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task<TenantScope> ScopeOfAsync(string email)
    {
        await using var db = await DbAsync();
        return TenantScope.For(await db.Users.SingleAsync(u => u.Email == email));
    }

    /// <summary>A location by slug (of the demo dealer unless told).</summary>
    public async Task<Location> LocationAsync(string slug, string dealerSlug = DemoDealer)
    {
        await using var db = await DbAsync();
        return await db.Locations.AsNoTracking().SingleAsync(l => l.Slug == slug && l.Dealer!.Slug == dealerSlug);
    }

    /// <summary>A dealer (with a slug of its own unless told).</summary>
    public async Task<Dealer> AddDealerAsync(string name = "Autohaus Test", string? slug = null, string country = "DE")
    {
        await using var db = await DbAsync();
        var dealer = new Dealer(name, slug ?? $"test-{Guid.NewGuid():N}"[..20], country, Now);
        db.Dealers.Add(dealer);
        await db.SaveChangesAsync();
        return dealer;
    }

    /// <summary>A location of <paramref name="dealerId"/>: always open in Berlin unless told, with the default ring time unless told.</summary>
    public async Task<Location> AddLocationAsync(Guid dealerId, string name, string slug, string timeZone = "Europe/Berlin", OpeningHours? hours = null,
        string country = "DE", TimeSpan? ringTimeout = null)
    {
        await using var db = await DbAsync();
        var location = new Location(dealerId, name, slug, country, timeZone, hours ?? OpeningHours.AlwaysOpen);
        if (ringTimeout is { } ring) location.Update(name, slug, country, timeZone, hours ?? OpeningHours.AlwaysOpen, ring);
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        return location;
    }

    /// <summary>A location of the demo dealer (slug as its name).</summary>
    public async Task<Location> AddDemoLocationAsync(string slug, string timeZone, OpeningHours hours, string country = "DE")
    {
        Guid dealerId;
        await using (var db = await DbAsync()) dealerId = (await db.Dealers.SingleAsync(d => d.Slug == DemoDealer)).Id;
        return await AddLocationAsync(dealerId, slug, slug, timeZone, hours, country);
    }

    public async Task SetEscalationDelaysAsync(string locationSlug, TimeSpan sms, TimeSpan email)
    {
        await using var db = await DbAsync();
        var location = await db.Locations.SingleAsync(l => l.Slug == locationSlug && l.Dealer!.Slug == DemoDealer);
        location.SetEscalationDelays(sms, email);
        await db.SaveChangesAsync();
    }

    /// <summary>How long a seller who accepted a call of the location has to join it before it rings the others again.</summary>
    public async Task SetAcceptDeadlineAsync(string locationSlug, TimeSpan deadline)
    {
        await using var db = await DbAsync();
        var location = await db.Locations.SingleAsync(l => l.Slug == locationSlug && l.Dealer!.Slug == DemoDealer);
        location.SetDutyRules(location.ShiftLength, deadline);
        await db.SaveChangesAsync();
    }

    /// <summary>A staff user without a password (not from the demo seed), off duty until they sign in; <paramref name="change"/> may make them inactive.</summary>
    public async Task<TenantScope> AddUserAsync(string email, StaffRole role, Guid? dealerId, Guid? locationId, Action<StaffUser>? change = null,
        string? displayName = null)
    {
        await using var db = await DbAsync();
        var user = StaffUser.Create(email, displayName ?? email.Split('@')[0], role, dealerId, locationId, Now);
        user.NormalizedEmail = user.NormalizedUserName = email.ToUpperInvariant();
        change?.Invoke(user);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return TenantScope.For(user);
    }

    /// <summary>The user "opens the dashboard": a fresh presence row, as the dashboard circuit writes it, which also starts a seller's duty.</summary>
    public async Task<string> OpenDashboardAsync(TenantScope user)
    {
        var circuit = Guid.NewGuid().ToString();
        await Get<PresenceService>().OpenAsync(circuit, "test-instance", user, default);
        return circuit;
    }

    public async Task<string> OpenDashboardAsync(string email) => await OpenDashboardAsync(await ScopeOfAsync(email));

    /// <summary>
    /// A call as the statistics see it, created at <paramref name="createdUtc"/>: accepted and connected after
    /// <paramref name="answeredAfter"/> and ended after <paramref name="duration"/> (still connected without one), or
    /// never answered (unanswered if incoming, ended otherwise).
    /// </summary>
    public async Task<Call> AddCallAsync(Guid locationId, DateTimeOffset createdUtc, TimeSpan? answeredAfter = null, TimeSpan? duration = null,
        CallKind kind = CallKind.Incoming)
    {
        await using var db = await DbAsync();
        var dealerId = await db.Locations.Where(l => l.Id == locationId).Select(l => l.DealerId).SingleAsync();
        var created = createdUtc.UtcDateTime;
        var call = new Call(kind, dealerId, locationId, created);
        if (answeredAfter is { } wait)
        {
            call.AcceptedUtc = created + wait;
            call.ConnectedUtc = created + wait;
            call.EndedUtc = duration is { } d ? created + wait + d : null;
            call.State = duration is null ? CallState.Connected : CallState.Ended;
        }
        else call.State = kind == CallKind.Incoming ? CallState.Unanswered : CallState.Ended;
        db.Calls.Add(call);
        await db.SaveChangesAsync();
        return call;
    }

    /// <summary>Puts the user into a FollowUp call of their location in <paramref name="state"/>, as a present participant.</summary>
    public async Task MakeBusyAsync(TenantScope user, CallState state = CallState.Connected)
    {
        await using var db = await DbAsync();
        var call = new Call(CallKind.FollowUp, user.DealerId!.Value, user.LocationId!.Value, Now) { State = state };
        var participant = new CallParticipant(call.Id, ParticipantKind.Staff, "busy seller", user.UserId);
        participant.Join(Now);
        db.Calls.Add(call);
        db.CallParticipants.Add(participant);
        await db.SaveChangesAsync();
    }

    /// <summary>A FollowUp call started by <paramref name="email"/> (seller 1 at Downtown unless told), waiting for a second party.</summary>
    public async Task<Call> StartFollowUpAsync(string email = Seller1) =>
        await Get<CallService>().StartFollowUpAsync(await ScopeOfAsync(email), CancellationToken.None);

    public Task<CallInvitation> InviteGuestAsync(Guid callId, string name = "Gina Guest") =>
        Get<CallAccessTokens>().InviteAsync(callId, ParticipantKind.Guest, name, TimeSpan.FromHours(1), CancellationToken.None);

    /// <summary>The customer of a call, with the contact they left (as a missed call or callback keeps it).</summary>
    public async Task AddCustomerAsync(Guid callId, string name, InvitationChannel channel, string contact)
    {
        await using var db = await DbAsync();
        var customer = new CallParticipant(callId, ParticipantKind.Customer, name, null);
        customer.RecordInvitation(channel, contact);
        db.CallParticipants.Add(customer);
        await db.SaveChangesAsync();
    }

    /// <summary>The sellers (both Downtown sellers unless told) open their dashboards; a customer calls Downtown. The call is ringing.</summary>
    public async Task<Guid> RingAsync(string customerName = "Clara Kunde", params string[] sellers)
    {
        foreach (var seller in sellers.Length == 0 ? [Seller1, Seller2] : sellers) await OpenDashboardAsync(seller);
        var start = await Get<IncomingCallService>().StartAsync(DemoDealer, "downtown", customerName, default);
        Assert.True(start.Ringing);
        return start.CallId!.Value;
    }

    /// <summary>The seller accepts from the dashboard toast and wins the call.</summary>
    public async Task AcceptAsync(Guid callId, string email = Seller1) =>
        Assert.Equal(AcceptOutcome.Won, (await Get<IncomingCallService>().AcceptAsync(callId, await ScopeOfAsync(email), default)).Outcome);

    /// <summary>The call with its participants.</summary>
    public Task<Call?> FindCallAsync(Guid callId) => Get<CallService>().FindAsync(callId, CancellationToken.None);

    public async Task<Call> CallAsync(Guid callId) => await FindCallAsync(callId) ?? throw new InvalidOperationException($"No call {callId}");

    public async Task<List<Call>> CallsAsync()
    {
        await using var db = await DbAsync();
        return await db.Calls.AsNoTracking().ToListAsync();
    }

    /// <summary>What the outbox holds for a call.</summary>
    public async Task<List<OutboxMessage>> MessagesAsync(Guid callId)
    {
        await using var db = await DbAsync();
        return await db.Outbox.AsNoTracking().Where(m => m.CallId == callId).ToListAsync();
    }

    public async Task<OutboxMessage> MessageAsync(Guid id)
    {
        await using var db = await DbAsync();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>The accept link token from the seller's SMS (as the seller would read it).</summary>
    public async Task<string> LinkTokenAsync(Guid callId, string email)
    {
        var userId = (await ScopeOfAsync(email)).UserId;
        var sms = (await MessagesAsync(callId)).Single(m => m.UserId == userId && m.Channel == OutboxChannel.Sms);
        return LinkPattern().Match(sms.TextBody).Groups[1].Value;
    }

    /// <summary>
    /// Dealer B next to the demo dealer, made once through the admin services as a platform admin would (so the
    /// invitation to its seller is in the outbox); later calls read what is there. <paramref name="baseAddress"/> starts
    /// the invitation links.
    /// </summary>
    public async Task<TwoDealers> TwoDealersAsync(Uri baseAddress)
    {
        var platform = await ScopeOfAsync(PlatformAdmin);
        var adminA = await ScopeOfAsync(DealerAdmin);
        var downtown = await LocationAsync("downtown");
        var airport = await LocationAsync("airport");
        await using var db = await DbAsync();
        if (!await db.Dealers.AnyAsync(d => d.Slug == "other-cars"))
        {
            var dealer = (await Get<DealerAdminService>().CreateAsync(platform, new DealerInput("Other Cars", "other-cars", "AT"), default)).Value!;
            var vienna = (await Get<LocationAdminService>().CreateAsync(platform,
                new LocationInput(dealer.Id, "Vienna", "vienna", "AT", "Europe/Vienna", OpeningHours.AlwaysOpen, 60), default)).Value!;
            await Get<BrandingService>().SaveTextsAsync(platform, BrandingLevel.Dealer, dealer.Id, null, new BrandingTexts("Other Cars", "#aa0000", null), default);
            var users = Get<UserAdminService>();
            await users.CreateAsync(platform, new UserInput("seller@other.test", "Bea Seller", "0664 1234567", StaffRole.Seller, null, vienna.Id, "de", true), baseAddress, default);
            await users.CreateAsync(platform, new UserInput("la@demo.test", "Lea Location", null, StaffRole.LocationAdmin, null, downtown.Id, "en", true), baseAddress, default);
        }
        var dealerB = await db.Dealers.SingleAsync(d => d.Slug == "other-cars");
        var locationB = await db.Locations.SingleAsync(l => l.Slug == "vienna" && l.DealerId == dealerB.Id);
        var sellerB = await db.Users.SingleAsync(u => u.Email == "seller@other.test");
        var locationAdmin = await db.Users.SingleAsync(u => u.Email == "la@demo.test");
        return new TwoDealers(platform, adminA, new TenantScope(locationAdmin.Id, StaffRole.LocationAdmin, adminA.DealerId, downtown.Id),
            await ScopeOfAsync(Seller1), adminA.DealerId!.Value, downtown.Id, airport.Id, dealerB.Id, locationB.Id, sellerB.Id);
    }

    public async Task<bool> UserExistsAsync(string email)
    {
        await using var db = await DbAsync();
        return await db.Users.AnyAsync(u => u.Email == email);
    }

    [GeneratedRegex("/r/([A-Za-z0-9_-]{43})")]
    public static partial Regex LinkPattern();
}
