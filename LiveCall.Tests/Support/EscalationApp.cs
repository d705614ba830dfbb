using System.Text.RegularExpressions;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>The real app on a fake clock (Monday 10:00 Berlin, Downtown open) with helpers to ring sellers and read their messages.</summary>
public sealed class EscalationApp : IAsyncDisposable
{
    public const string Seller1 = "seller1@livecall.demo";
    public const string Seller2 = "seller2@livecall.demo";

    public EscalationApp(IDictionary<string, string?>? settings = null)
    {
        App = new LiveCallAppFactory { Time = Time };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) App.With(key, value);
        _ = App.BaseAddress;
    }

    public FakeTimeProvider Time { get; } = new(TestClock.Start);
    public LiveCallAppFactory App { get; }
    public Uri BaseAddress => App.BaseAddress;

    public T Get<T>() where T : notnull => App.Get<T>();

    public Task<LiveCallDbContext> DbAsync() => App.DbAsync();

    public Task<TenantScope> ScopeOfAsync(string email) => App.Data.ScopeOfAsync(email);

    public Task SetDelaysAsync(int smsSeconds, int emailSeconds) =>
        App.Data.SetEscalationDelaysAsync("downtown", TimeSpan.FromSeconds(smsSeconds), TimeSpan.FromSeconds(emailSeconds));

    public Task<Guid> RingAsync(string customerName = "Clara Kunde", params string[] sellers) => App.Data.RingAsync(customerName, sellers);

    public Task<List<OutboxMessage>> MessagesAsync(Guid callId) => App.Data.MessagesAsync(callId);

    public Task<string> LinkTokenAsync(Guid callId, string email) => App.Data.LinkTokenAsync(callId, email);

    public Task AcceptAsync(Guid callId, string email = Seller1) => App.Data.AcceptAsync(callId, email);

    public static Regex LinkPattern() => TestData.LinkPattern();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
