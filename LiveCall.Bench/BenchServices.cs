using LiveCall.Core;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Notifications;
using LiveCall.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Bench;

/// <summary>
/// The app's own Core registrations on a bench database (escalation included: a ring queues push, SMS and email per
/// seller), no background services, links built on a public address that goes nowhere.
/// </summary>
public static class BenchServices
{
    public static ServiceProvider Build(IDbContextFactory<LiveCallDbContext> factory, TimeProvider time) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{PublicAddressOptions.Section}:{nameof(PublicAddressOptions.PublicBaseUrl)}"] = "https://bench.invalid/",
            }).Build())
            .AddSingleton(time)
            .AddSingleton(factory)
            .AddSingleton<PublicBaseAddress>()
            .AddLiveEvents()
            .AddNotificationDelivery()
            .AddIncomingCallServices()
            .AddSingleton<BrandingService>()
            .AddSingleton<CallService>()
            .AddSingleton<CallAccessTokens>()
            .AddSingleton<SellerDuty>()
            .AddSingleton<PresenceService>()
            .AddSingleton<Core.Statistics.StatisticsService>()
            .AddSingleton<Core.Statistics.DashboardFeed>()
            .BuildServiceProvider();
}
