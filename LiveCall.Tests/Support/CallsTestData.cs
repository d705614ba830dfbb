using LiveCall.Core.Calls;
using LiveCall.Core.Data;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCall.Tests.Support;

/// <summary>Calls and participants in the demo data of a running <see cref="LiveCallAppFactory"/>.</summary>
public static class CallsTestData
{
    public const string Seller1 = "seller1@livecall.demo";
    public const string Seller2 = "seller2@livecall.demo";
    public const string DealerAdmin = "dealer-admin@livecall.demo";

    public static async Task<TenantScope> ScopeOfAsync(LiveCallAppFactory app, string email)
    {
        var db = await app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return TenantScope.For(user);
        }
    }

    /// <summary>A FollowUp call started by seller1 at Downtown.</summary>
    public static async Task<Call> StartCallAsync(LiveCallAppFactory app) =>
        await app.Services.GetRequiredService<CallService>().StartFollowUpAsync(await ScopeOfAsync(app, Seller1), CancellationToken.None);

    public static Task<CallInvitation> InviteGuestAsync(LiveCallAppFactory app, Guid callId, string name = "Gina Guest") =>
        app.Services.GetRequiredService<CallAccessTokens>().InviteAsync(callId, ParticipantKind.Guest, name, TimeSpan.FromHours(1), CancellationToken.None);

    public static Task<Call?> FindAsync(LiveCallAppFactory app, Guid callId) =>
        app.Services.GetRequiredService<CallService>().FindAsync(callId, CancellationToken.None);
}
