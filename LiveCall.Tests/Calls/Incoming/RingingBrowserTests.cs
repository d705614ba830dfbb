using System.Diagnostics;
using System.Text.RegularExpressions;
using LiveCall.Core.Data;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static LiveCall.Tests.Support.BrowserSession;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>Two sellers' dashboards in Chromium on the real app: the in-app ring, Accept, Decline and "away".</summary>
public sealed class RingingBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : RingingPages(chromium)
{
    [Fact]
    public async Task BothSellersRing_SellerOneAccepts_AndSellerTwoSeesAnsweredBySam()
    {
        var seller1 = await SellerAsync("seller1@livecall.demo");
        var seller2 = await SellerAsync("seller2@livecall.demo");

        var startTook = Stopwatch.StartNew();
        var start = await CallDowntownAsync("<script>alert(1)</script> Clara");
        output.WriteLine($"StartAsync (records the call, rings every circuit through the bus): {startTook.ElapsedMilliseconds} ms");
        var sinceStart = Stopwatch.StartNew();
        Assert.Equal(2, start.SellersRinging);
        var callId = start.CallId!.Value;

        await Task.WhenAll(new[] { ("seller1", seller1), ("seller2", seller2) }.Select(async s =>
        {
            await Assertions.Expect(ToastOf(s.Item2, callId).Locator("[data-testid=ring-caller]")).ToHaveTextAsync("<script>alert(1)</script> Clara");
            output.WriteLine($"StartAsync returned → toast visible on {s.Item1}: {sinceStart.ElapsedMilliseconds} ms");
        }));
        foreach (var page in new[] { seller1, seller2 })
        {
            await Assertions.Expect(ToastOf(page, callId).Locator("[data-testid=ring-location]")).ToHaveTextAsync("Downtown");
            await Assertions.Expect(ToastOf(page, callId).Locator("[data-testid=ring-waiting]")).ToHaveTextAsync(new Regex(@"^waiting 0:\d\d$"));
            await page.WaitForSelectorAsync("html[data-ringing=true]", new() { State = WaitForSelectorState.Attached });
            await page.WaitForFunctionAsync("() => document.title.includes('Incoming call')");
        }
        Assert.False(await seller1.EvaluateAsync<bool>("() => window.__xss === true"));
        await Assertions.Expect(seller2.Locator("html")).ToHaveAttributeAsync("data-ringtone", "playing");

        await seller1.ClickAsync($"{Toast}[data-call='{callId}'] [data-testid=ring-accept]");
        var sinceAccept = Stopwatch.StartNew();
        await Assertions.Expect(ToastOf(seller2, callId).Locator("[data-testid=ring-answered]")).ToHaveTextAsync("Answered by Sam Seller");
        output.WriteLine($"Accept click → 'Answered by' on seller2: {sinceAccept.ElapsedMilliseconds} ms");
        await seller1.WaitForURLAsync(new Regex($"/call/{callId}$"));
        output.WriteLine($"Accept click → seller1 on the call page: {sinceAccept.ElapsedMilliseconds} ms");

        await seller2.WaitForSelectorAsync("html[data-ringing=false]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(ToastOf(seller2, callId)).ToHaveCountAsync(0, new() { Timeout = 10_000 }); // "Answered by" goes away after ~5 s
        await Assertions.Expect(ToastOf(seller2, callId).Locator("[data-testid=ring-accept]")).ToHaveCountAsync(0);
        Assert.Equal("seller1@livecall.demo", await AcceptedByAsync(callId));
    }

    [Fact]
    public async Task Decline_RemovesTheToastForThatSeller_InEveryTab_Only()
    {
        var seller1 = await SellerAsync("seller1@livecall.demo");
        var seller1SecondTab = await seller1.Context.NewPageAsync();
        await GotoInteractiveAsync(seller1SecondTab, "/followup");
        await seller1SecondTab.WaitForSelectorAsync("[data-testid=ring-toasts][data-ready=true]", new() { State = WaitForSelectorState.Attached });
        var seller2 = await SellerAsync("seller2@livecall.demo");

        var callId = (await CallDowntownAsync("Clara Kunde")).CallId!.Value;
        foreach (var page in new[] { seller1, seller1SecondTab, seller2 })
            await Assertions.Expect(ToastOf(page, callId)).ToBeVisibleAsync();

        await seller1.ClickAsync($"{Toast}[data-call='{callId}'] [data-testid=ring-decline]");

        await Assertions.Expect(ToastOf(seller1, callId)).ToHaveCountAsync(0);
        await Assertions.Expect(ToastOf(seller1SecondTab, callId)).ToHaveCountAsync(0);
        await seller1.WaitForSelectorAsync("html[data-ringing=false]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(ToastOf(seller2, callId)).ToHaveAttributeAsync("data-state", "Ringing");
        await Assertions.Expect(ToastOf(seller2, callId).Locator("[data-testid=ring-accept]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task AwaySeller_IsNotRung_AndStaysAwayAfterAReload()
    {
        var seller1 = await SellerAsync("seller1@livecall.demo");
        var seller2 = await SellerAsync("seller2@livecall.demo");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Available");

        await seller2.ClickAsync("[data-testid=presence-chip]");
        await seller2.ClickAsync("[data-testid=presence-away]");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Away");

        var start = await CallDowntownAsync("Clara Kunde");
        Assert.Equal(1, start.SellersRinging);
        await Assertions.Expect(ToastOf(seller1, start.CallId!.Value)).ToBeVisibleAsync();
        // seller2 is not among the rung sellers: the RingStarted never even enters their circuit's queue.
        Assert.Equal(0, await seller2.Locator(Toast).CountAsync());
        Assert.Equal("false", await seller2.EvaluateAsync<string?>("() => document.documentElement.dataset.ringing ?? 'false'"));

        await seller2.ReloadAsync();
        await WaitInteractiveAsync(seller2);
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Away");
        await seller2.ClickAsync("[data-testid=presence-chip]");
        await seller2.ClickAsync("[data-testid=presence-available]");
        await Assertions.Expect(seller2.Locator("[data-testid=presence-chip]")).ToHaveAttributeAsync("data-status", "Available");
        Assert.Equal(2, (await CallDowntownAsync("Bernd Kunde")).SellersRinging);

        // A dealer admin is never rung: no availability to show.
        var admin = await SellerAsync("dealer-admin@livecall.demo");
        await admin.WaitForSelectorAsync("[data-testid=presence-none]", new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await admin.Locator("[data-testid=presence-chip]").CountAsync());
    }

    private async Task<string?> AcceptedByAsync(Guid callId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var userId = await db.Calls.Where(c => c.Id == callId).Select(c => c.AcceptedByUserId).SingleAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
    }
}
