using LiveCall.App.Account;
using LiveCall.App.Admin;
using LiveCall.App.Calls;
using LiveCall.App.Calls.FollowUp;
using LiveCall.App.Calls.Incoming;
using LiveCall.App.Infrastructure;
using LiveCall.App.Localization;
using LiveCall.App.Notifications;
using LiveCall.App.Statistics;
using LiveCall.App.Users;
using LiveCall.Core.Data;
using LiveCall.Core.Live;

namespace LiveCall.App;

public static class LiveCallFeatures
{
    /// <summary>Every feature's registrations, one <c>AddX</c> each: the app and the tests' service host use this one list.</summary>
    public static IHostApplicationBuilder AddLiveCallFeatures(this IHostApplicationBuilder builder)
    {
        builder.AddData();
        builder.AddInfrastructure();
        builder.AddRateLimits();
        builder.AddLocalizedUi();
        builder.Services.AddLiveEvents();
        builder.AddAccounts();
        builder.AddPresence();
        builder.AddAdministration();
        builder.AddStatistics();
        builder.AddNotifications();
        builder.AddCalls();
        builder.AddIncomingCalls();
        builder.AddFollowUp();
        builder.AddBench();
        return builder;
    }
}
