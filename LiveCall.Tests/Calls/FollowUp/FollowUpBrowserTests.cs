using System.Text.RegularExpressions;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveCall.Tests.Calls.FollowUp;

/// <summary>A seller starts a FollowUp call with two guests; each guest opens their personal link; all three see each other.</summary>
public sealed partial class FollowUpBrowserTests(ChromiumFixture chromium, LiveCallAppFactory app)
    : IClassFixture<ChromiumFixture>, IClassFixture<LiveCallAppFactory>
{
    [Fact]
    public async Task Seller_StartsAFollowUpWithTwoGuests_TheThreeWayCallConnects_InvitesOneMore_AndARevokedLinkShowsTheFriendlyPage()
    {
        await using var seller = await CallsPageDriver.LoginAsync(chromium.Browser, app.BaseAddress, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword, "/followup");
        var page = seller.Page;
        await BrowserSession.WaitInteractiveAsync(page);

        await page.Locator("input[data-testid=followup-name]").Nth(0).FillAsync("Max Mustermann");
        await page.Locator("input[data-testid=followup-contact]").Nth(0).FillAsync("0151 23456789");
        await page.ClickAsync("button[data-testid=followup-add]");
        await page.Locator("[data-testid=followup-row]").Nth(1).Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Email" }).ClickAsync();
        await page.Locator("input[data-testid=followup-name]").Nth(1).FillAsync("Erika Musterfrau");
        await page.Locator("input[data-testid=followup-contact]").Nth(1).FillAsync("erika@example.com");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("followup-form-en"), FullPage = true });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "followup-form-en");
        await page.ClickAsync("[data-testid=followup-start]:not([disabled])");

        await page.WaitForURLAsync(new Regex("/call/[0-9a-f-]{36}$"));
        var callId = Guid.Parse(new Uri(page.Url).Segments[^1]);
        var invitations = await InvitationsAsync(callId);
        Assert.Equal(2, invitations.Count);
        Assert.Contains(invitations, m => m.Channel == OutboxChannel.Sms && m.Recipient == "+4915123456789" && m.TextBody.Contains("Sam Seller"));
        Assert.Contains(invitations, m => m.Channel == OutboxChannel.Email && m.Recipient == "erika@example.com");

        var guests = new List<IPage>();
        foreach (var invitation in invitations)
        {
            var context = await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Permissions = ["camera", "microphone"] });
            await RemoteMedia.InstallAsync(context);
            var guest = await context.NewPageAsync();
            await guest.GotoAsync(LinkIn(invitation.TextBody));
            Assert.EndsWith("/guest", new Uri(guest.Url).AbsolutePath); // the token left the address bar
            await Assertions.Expect(guest.Locator("[data-testid=guest-preview-status][data-state=ok]")).ToBeVisibleAsync();
            if (invitation.Channel == OutboxChannel.Email)
            {
                Assert.Equal("Erika Musterfrau", await guest.InputValueAsync("[data-testid=guest-name]"));
                await guest.FillAsync("[data-testid=guest-name]", "Erika M.");
                await guest.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("guest-prejoin-en") });
                await AxeCheck.AssertNoSeriousViolationsAsync(guest, "guest-prejoin-en");
            }
            await guest.ClickAsync("[data-testid=guest-join]");
            guests.Add(guest);
        }

        await seller.WaitConnectedAsync(2);
        await seller.WaitRemoteVideoPlayingAsync(2);
        foreach (var (guest, i) in guests.Select((g, i) => (g, i)))
        {
            var call = CallsPageDriver.Wrap(guest, $"guest {i + 1}");
            await call.WaitConnectedAsync(2);
            await call.WaitRemoteVideoPlayingAsync(2);
            await Assertions.Expect(guest.Locator(".lc-call-title")).ToHaveTextAsync("Demo Motors");
        }
        await Assertions.Expect(page.Locator("[data-testid=tile] [data-testid=tile-name]")).ToHaveTextAsync(["Max Mustermann", "Erika M."], new() { IgnoreCase = false, Timeout = 10_000 });
        await guests[0].ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("followup-guest-call") });
        await AxeCheck.AssertNoSeriousViolationsAsync(guests[0], "followup-guest-call");

        // In the call the seller sees each invitation's state, invites one more participant and withdraws that link again.
        await page.ClickAsync("[data-testid=invitations-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=invitation][data-state=Joined]")).ToHaveCountAsync(2);
        await page.SelectOptionAsync("[data-testid=invite-via]", "Email");
        await page.FillAsync("[data-testid=invite-name]", "Moritz");
        await page.FillAsync("[data-testid=invite-contact]", "moritz@example.com");
        await page.ClickAsync("[data-testid=invite-send]");
        var moritz = page.Locator("[data-testid=invitation]").Filter(new() { HasText = "Moritz" });
        await Assertions.Expect(moritz).ToHaveAttributeAsync("data-state", "NotSent");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("followup-invitations-panel") });
        await AxeCheck.AssertNoSeriousViolationsAsync(page, "followup-invitations-panel");
        var moritzLink = LinkIn((await InvitationsAsync(callId)).Single(m => m.Recipient == "moritz@example.com").TextBody);
        await moritz.Locator("[data-testid=invitation-revoke]").ClickAsync();
        await Assertions.Expect(moritz).ToHaveAttributeAsync("data-state", "Revoked");

        var fresh = await (await chromium.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() })).NewPageAsync();
        await fresh.GotoAsync(moritzLink);
        await Assertions.Expect(fresh.Locator("[data-testid=guest-link-invalid]")).ToBeVisibleAsync();
        await fresh.ScreenshotAsync(new() { Path = ChromiumFixture.ScreenshotPath("guest-link-invalid-en") });
        await AxeCheck.AssertNoSeriousViolationsAsync(fresh, "guest-link-invalid-en");
    }

    private async Task<List<OutboxMessage>> InvitationsAsync(Guid callId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        return await db.Outbox.Where(m => m.CallId == callId && m.Purpose == OutboxPurpose.FollowUpInvitation).ToListAsync();
    }

    private static string LinkIn(string text) => LinkPattern().Match(text).Value;

    [GeneratedRegex(@"https?://\S+/j/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
