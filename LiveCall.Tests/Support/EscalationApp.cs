using System.Text.RegularExpressions;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>The real app on a fake clock (Monday 10:00 Berlin, Downtown open) with helpers to ring sellers and read their messages.</summary>
public sealed partial class EscalationApp : IAsyncDisposable
{
    public const string Seller1 = "seller1@livecall.demo";
    public const string Seller2 = "seller2@livecall.demo";

    public EscalationApp(IDictionary<string, string?>? settings = null)
    {
        App = new LiveCallAppFactory { Time = Time };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) App.With(key, value);
        _ = App.BaseAddress;
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z"));
    public LiveCallAppFactory App { get; }
    public Uri BaseAddress => App.BaseAddress;

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<LiveCallDbContext> DbAsync() => await Get<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();

    public Task<TenantScope> ScopeOfAsync(string email) => CallsTestData.ScopeOfAsync(App, email);

    public async Task OpenDashboardAsync(string email) =>
        await Get<PresenceService>().OpenAsync(Guid.NewGuid().ToString(), "test-instance", await ScopeOfAsync(email), default);

    public async Task SetDelaysAsync(int smsSeconds, int emailSeconds)
    {
        await using var db = await DbAsync();
        var downtown = await db.Locations.SingleAsync(l => l.Slug == "downtown");
        downtown.SetEscalationDelays(TimeSpan.FromSeconds(smsSeconds), TimeSpan.FromSeconds(emailSeconds));
        await db.SaveChangesAsync();
    }

    /// <summary>Both Downtown sellers open their dashboards; a customer calls.</summary>
    public async Task<Guid> RingAsync(string customerName = "Clara Kunde", params string[] sellers)
    {
        foreach (var seller in sellers.Length == 0 ? [Seller1, Seller2] : sellers) await OpenDashboardAsync(seller);
        var start = await Get<IncomingCallService>().StartAsync("demo-motors", "downtown", customerName, default);
        Assert.True(start.Ringing);
        return start.CallId!.Value;
    }

    public async Task<List<OutboxMessage>> MessagesAsync(Guid callId)
    {
        await using var db = await DbAsync();
        return await db.Outbox.AsNoTracking().Where(m => m.CallId == callId).ToListAsync();
    }

    /// <summary>The accept link token from the seller's SMS (as the seller would read it).</summary>
    public async Task<string> LinkTokenAsync(Guid callId, string email)
    {
        var userId = (await ScopeOfAsync(email)).UserId;
        var sms = (await MessagesAsync(callId)).Single(m => m.UserId == userId && m.Channel == OutboxChannel.Sms);
        return LinkPattern().Match(sms.TextBody).Groups[1].Value;
    }

    /// <summary>Seller 1 accepts from the dashboard toast.</summary>
    public async Task AcceptAsync(Guid callId, string email = Seller1) =>
        Assert.Equal(AcceptOutcome.Won, (await Get<IncomingCallService>().AcceptAsync(callId, await ScopeOfAsync(email), default)).Outcome);

    [GeneratedRegex("/r/([A-Za-z0-9_-]{43})")]
    public static partial Regex LinkPattern();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
