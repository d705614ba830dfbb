using System.Text.RegularExpressions;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Infrastructure;

/// <summary>
/// Links sent from an interactive page (activation mail, guest invitation) start with the public base URL, not with the
/// address the staff member's browser used: here the browser uses http://localhost:port while the app's address is 127.0.0.1.
/// </summary>
public sealed partial class PublicAddressBrowserTests(ChromiumFixture chromium, LiveCallAppFactory app)
    : IClassFixture<ChromiumFixture>, IClassFixture<LiveCallAppFactory>
{
    private Uri BrowserAddress => new UriBuilder(app.BaseAddress) { Host = "localhost" }.Uri;

    [Fact]
    public async Task ActivationMail_FromTheUserPage_LinksToThePublicAddress()
    {
        var admin = await NewPageAsync(chromium.Browser, BrowserAddress);
        await LoginAsync(admin, "admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        await admin.WaitForSelectorAsync("[data-testid=dashboard-tiles]");
        await GotoInteractiveAsync(admin, "admin/users/new");
        await FillFieldAsync(admin, "user-name", "Lena Link");
        await FillFieldAsync(admin, "user-email", "lena@demo-motors.test");
        await SelectAsync(admin, "user-location", "Downtown");
        await Assertions.Expect(admin.Locator("[data-testid=user-save]")).ToBeEnabledAsync();
        await admin.ClickAsync("[data-testid=user-save]");
        await admin.WaitForURLAsync("**/admin/users");

        var body = await MailToAsync("lena@demo-motors.test");
        Assert.Contains(app.BaseAddress + "account/activate?", body);
        Assert.DoesNotContain("localhost", body);
    }

    [Fact]
    public async Task GuestInvitation_FromTheFollowUpPage_LinksToThePublicAddress()
    {
        var seller = await NewPageAsync(chromium.Browser, BrowserAddress);
        await LoginAsync(seller, "seller2@livecall.demo", LiveCallAppFactory.DemoPassword);
        await GotoInteractiveAsync(seller, "followup");
        await seller.Locator("[data-testid=followup-row]").Nth(0).Locator(".mud-select").First.ClickAsync();
        await seller.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Email" }).ClickAsync();
        await seller.Locator("input[data-testid=followup-name]").Nth(0).FillAsync("Gina Gast");
        await seller.Locator("input[data-testid=followup-contact]").Nth(0).FillAsync("gina@example.com");
        await seller.ClickAsync("[data-testid=followup-start]:not([disabled])");
        await seller.WaitForURLAsync(CallUrl());

        var body = await MailToAsync("gina@example.com");
        Assert.Matches(Regex.Escape(app.BaseAddress + "j/") + "[A-Za-z0-9_-]+", body);
        Assert.DoesNotContain("localhost", body);
    }

    private async Task<string> MailToAsync(string recipient)
    {
        await using var db = await app.DbAsync();
        var mail = await db.Outbox.AsNoTracking().SingleAsync(m => m.Recipient == recipient && m.Channel == OutboxChannel.Email);
        return mail.TextBody + mail.HtmlBody;
    }

    [GeneratedRegex("/call/[0-9a-f-]{36}$")]
    private static partial Regex CallUrl();
}
