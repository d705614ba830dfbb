using System.Net;
using LiveCall.App.Notifications;
using LiveCall.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Support;

/// <summary>A real app host with AddNotifications/MapNotifications on 127.0.0.1, for webhook tests. The outbox worker is removed.</summary>
public sealed class WebhookHost : IAsyncDisposable
{
    private WebhookHost(WebApplication app, TestDatabase db, FakeTimeProvider time, HttpClient client)
    {
        App = app;
        Db = db;
        Time = time;
        Client = client;
    }

    public WebApplication App { get; }
    public TestDatabase Db { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Client { get; }

    public static async Task<WebhookHost> StartAsync(DateTimeOffset now, Dictionary<string, string?> settings)
    {
        var db = new TestDatabase();
        var time = new FakeTimeProvider(now);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IDbContextFactory<LiveCallDbContext>>(db);
        builder.Services.AddAuthorization();
        builder.AddNotifications();
        var worker = builder.Services.Single(d => d.ImplementationType == typeof(Core.Notifications.Outbox.OutboxWorker));
        builder.Services.Remove(worker);
        var app = builder.Build();
        app.UseAuthorization();
        app.MapNotifications();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookHost(app, db, time, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Db.Dispose();
    }
}
