using LiveCall.App.Account;
using LiveCall.App.Infrastructure;
using LiveCall.Core.Data;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace LiveCall.Tests.Account;

/// <summary>
/// The open circuits' sessions are checked together: one query per round whatever the number of circuits, and only the
/// circuits of a deactivated user or a changed security stamp are signed out. In Chromium: a seller deactivated by an
/// admin is taken from the open dashboard to the login; the colleague's dashboard stays.
/// </summary>
public sealed class CircuitSessionCheckTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task OneRound_IsOneQueryForEveryCircuit_AndSignsOutOnlyTheEndedSessions()
    {
        await using var h = await ServiceHost.StartAsync();
        var check = new CircuitSessionCheck(new StaffSessions(h.Get<IDbContextFactory<LiveCallDbContext>>()), Options.Create(new ConnectionOptions()),
            TimeProvider.System, NullLogger<CircuitSessionCheck>.Instance);
        await using var db = await h.DbAsync();
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Email, u.SecurityStamp }).ToListAsync();
        Assert.True(users.Count >= 4, "the demo seed has several staff users");
        var signedOut = new List<string>();
        // Three tabs per user, and one more of the first user that closes before the round.
        var watches = users.SelectMany(u => Enumerable.Range(0, 3).Select(tab =>
            check.Follow(new StaffSession(u.Id, u.SecurityStamp), () => { lock (signedOut) signedOut.Add($"{u.Email} tab {tab}"); }))).ToList();
        check.Follow(new StaffSession(users[0].Id, users[0].SecurityStamp), () => signedOut.Add("closed tab")).Dispose();
        check.Follow(null, () => { lock (signedOut) signedOut.Add("no session"); });

        var deactivated = users.Single(u => u.Email == TestData.Seller1);
        var restamped = users.Single(u => u.Email == TestData.Seller2);
        await db.Users.Where(u => u.Id == deactivated.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        await db.Users.Where(u => u.Id == restamped.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString()));
        var sql = h.Get<SqlCommandCounter>();

        var before = sql.Count;
        await check.CheckAsync(default);
        Assert.Equal(1, sql.Count - before);
        Assert.Equal(["no session", .. Enumerable.Range(0, 3).Select(t => $"{TestData.Seller1} tab {t}"), .. Enumerable.Range(0, 3).Select(t => $"{TestData.Seller2} tab {t}")],
            signedOut.Order(StringComparer.Ordinal));
        Assert.Equal(3 * (users.Count - 2), check.Open);

        signedOut.Clear();
        await check.CheckAsync(default); // the others hold: nobody else is signed out, and the ended ones only once
        Assert.Empty(signedOut);
        watches.ForEach(w => w.Dispose());
        Assert.Equal(0, check.Open);
    }

    [Fact]
    public async Task DeactivatedSeller_IsTakenFromTheOpenDashboardToTheLogin_TheColleagueStays()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Connections:SessionRecheckInterval"] = "00:00:01" } } };
        var seller = await DashboardAsync(app, TestData.Seller1);
        var colleague = await DashboardAsync(app, TestData.Seller2);

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Email == TestData.Seller1).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));

        await seller.WaitForURLAsync("**/account/login**", new() { Timeout = 20_000 });
        await seller.WaitForSelectorAsync("[data-testid=login-email]");
        await colleague.Locator("[data-testid=presence-chip]").ClickAsync(); // its circuit still answers, signed in
        await colleague.WaitForSelectorAsync("[data-testid=presence-away]");
        Assert.EndsWith("/", colleague.Url);
    }

    private async Task<IPage> DashboardAsync(LiveCallAppFactory app, string email)
    {
        var page = await BrowserSession.NewPageAsync(chromium.Browser, app.BaseAddress);
        await BrowserSession.LoginAsync(page, email, LiveCallAppFactory.DemoPassword);
        await page.WaitForSelectorAsync("html[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        return page;
    }
}
