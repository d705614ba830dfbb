using System.Security.Claims;
using Bunit;
using LiveCall.App.Account;
using LiveCall.App.Notifications;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveCall.Tests.Notifications;

/// <summary>The Outbox page says why a message was refused, next to the message.</summary>
public sealed class OutboxRefusalRenderTests : MudTestContext
{
    [Fact]
    public async Task RefusedRingEmail_ShowsRefusedAndTheBudgetItRanInto()
    {
        await using var h = await ServiceHost.StartAsync(o => o.Settings["MessageBudgets:Email:Ring:PerLocationHourly"] = "0");
        var admin = await h.Data.ScopeOfAsync(TestData.DealerAdmin);
        var downtown = await h.Data.LocationAsync("downtown");
        var refused = await h.Get<NotificationOutbox>().EnqueueEmailAsync(new EmailRequest("seller1@livecall.demo", "Clara Kunde is waiting", "Accept: …",
            null, OutboxPurpose.IncomingCall, downtown.DealerId, downtown.Id), default);
        Assert.Equal(SendRefusal.LocationHourlyCap, refused.Refusal);

        Services.AddSingleton(h.Get<OutboxQueries>());
        Services.AddScoped<CurrentStaff>();
        var auth = AddAuthorization();
        auth.SetAuthorized("Dana");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.UserId), new Claim(StaffClaims.Role, admin.Role.ToString()),
            new Claim(StaffClaims.DealerId, admin.DealerId!.Value.ToString()));
        Render<MudPopoverProvider>();
        var page = Render<OutboxPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=outbox-refusal]")));
        Assert.Equal("Refused: the location has used this hour's budget for this kind of message.", page.Find("[data-testid=outbox-refusal]").TextContent);
        Assert.Equal("refused", page.Find("[data-testid=outbox-status]").TextContent.Trim());
    }
}
