using System.Net;
using System.Text.RegularExpressions;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Tenancy;
using LiveCall.Core.Users;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Account;

public sealed partial class AccountFlowTests : IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Options = { ClockStart = DateTimeOffset.UtcNow } };
        _ = _app.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Login_WithDemoAdmin_OpensTheDashboard()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var (response, _) = await client.LoginAsync("admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var dashboard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("data-testid=\"dashboard-tiles\"", await dashboard.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/admin/users", "/admin/users")]
    [InlineData("admin/users", "/admin/users")]
    public async Task Login_ReturnsOnlyToPagesOfThisSite(string returnUrl, string expected)
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var (response, _) = await client.SubmitFormAsync($"account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new Dictionary<string, string> { ["Input.Email"] = "admin@livecall.demo", ["Input.Password"] = LiveCallAppFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.ToString());
        Assert.Equal(_app.BaseAddress.Authority, response.Headers.Location.IsAbsoluteUri ? response.Headers.Location.Authority : _app.BaseAddress.Authority);
    }

    [Fact]
    public async Task Dashboard_WithoutLogin_RedirectsToLogin()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var response = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsOneMessageForEveryFailure()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var (wrongPassword, body1) = await client.LoginAsync("seller1@livecall.demo", "Wrong-Pass-1!");
        var (_, body2) = await client.LoginAsync("nobody@livecall.demo", "Wrong-Pass-1!");
        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(ErrorText(body1), ErrorText(body2));
        Assert.Contains("Email or password is wrong", ErrorText(body1));
    }

    [Fact]
    public async Task Login_AfterFiveFailures_IsLockedOutEvenWithTheRightPassword_AndSaysNoMoreThanForAnUnknownAddress()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        for (var i = 0; i < 5; i++) await client.LoginAsync("seller2@livecall.demo", "Wrong-Pass-1!");

        var (response, body) = await client.LoginAsync("seller2@livecall.demo", LiveCallAppFactory.DemoPassword);
        var (_, unknown) = await client.LoginAsync("nobody-here@livecall.demo", LiveCallAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ErrorText(unknown), ErrorText(body));
        Assert.Contains("15 minutes", ErrorText(body));
    }

    [Fact]
    public async Task LanguageSwitch_ChangesTheProfileOnlyByAPostWithItsToken_NeverByAGet()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        await client.LoginAsync(TestData.Seller1, LiveCallAppFactory.DemoPassword);

        var byLink = await client.GetAsync("culture/set?culture=de&redirectUri=%2F");
        Assert.Equal(HttpStatusCode.Redirect, byLink.StatusCode);
        Assert.Contains(byLink.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Dde"));
        Assert.Equal("en", await LanguageOfAsync(TestData.Seller1));

        var forged = await client.Http.PostAsync("culture/set", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "de", ["redirectUri"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("en", await LanguageOfAsync(TestData.Seller1));

        var bySwitch = await client.PostFromPageAsync("/", "culture/set", new Dictionary<string, string> { ["culture"] = "de", ["redirectUri"] = "/" });
        Assert.Equal(HttpStatusCode.Redirect, bySwitch.StatusCode);
        Assert.Equal("de", await LanguageOfAsync(TestData.Seller1));
    }

    private async Task<string> LanguageOfAsync(string email)
    {
        await using var db = await _app.DbAsync();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).Language;
    }

    [Fact]
    public async Task ForgotPassword_GivesTheSameAnswer_AndSendsOnlyForAnExistingAccount()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var (_, known) = await client.SubmitFormAsync("account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = "seller1@livecall.demo" });
        var (_, unknown) = await client.SubmitFormAsync("account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = "ghost@livecall.demo" });

        Assert.Equal(SentText(known), SentText(unknown));
        Assert.NotEmpty(SentText(known));
        var messages = await OutboxAsync();
        Assert.Single(messages, m => m.Purpose == OutboxPurpose.PasswordReset && m.Recipient == "seller1@livecall.demo");
        Assert.DoesNotContain(messages, m => m.Recipient == "ghost@livecall.demo");
    }

    [Fact]
    public async Task ForgotPassword_WithAPublicAddress_LinksThere_WhateverHostTheRequestClaims()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["App:PublicBaseUrl"] = "https://calls.example.com/" } } };
        using var client = new StaffHttpClient(app.BaseAddress);
        client.Http.DefaultRequestHeaders.Host = "evil.example";

        await client.SubmitFormAsync("account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = "seller1@livecall.demo" });

        await using var db = await app.DbAsync();
        var mail = await db.Outbox.AsNoTracking().SingleAsync(m => m.Purpose == OutboxPurpose.PasswordReset);
        Assert.Contains("https://calls.example.com/", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody);
    }

    [Fact]
    public async Task PasswordReset_LinkSetsTheNewPassword()
    {
        await _app.Get<AccountService>().RequestPasswordResetAsync("seller1@livecall.demo", _app.BaseAddress, default);
        var link = LinkIn((await OutboxAsync()).Single(m => m.Purpose == OutboxPurpose.PasswordReset).TextBody);
        using var client = new StaffHttpClient(_app.BaseAddress);

        var (_, body) = await SetPasswordAsync(client, link, "reset", "New-Secret-77!");

        Assert.Contains("data-testid=\"password-set\"", body);
        var (login, _) = await client.LoginAsync("seller1@livecall.demo", "New-Secret-77!");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task ActivationLink_WorksOnce()
    {
        var link = await CreateUserAndGetActivationLinkAsync("once@livecall.demo");
        using var client = new StaffHttpClient(_app.BaseAddress);

        var (_, first) = await SetPasswordAsync(client, link, "activate", "First-Secret-1!");
        var second = await client.Http.GetStringAsync(new Uri(link).PathAndQuery.TrimStart('/'));

        Assert.Contains("data-testid=\"password-set\"", first);
        Assert.Contains("data-testid=\"link-invalid\"", second);
        var (login, _) = await client.LoginAsync("once@livecall.demo", "First-Secret-1!");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task ActivationLink_AfterItsLifetime_IsRefused()
    {
        var link = await CreateUserAndGetActivationLinkAsync("late@livecall.demo");
        _app.Time.Advance(new AccountOptions().ActivationLinkLifetime + TimeSpan.FromMinutes(1));
        using var client = new StaffHttpClient(_app.BaseAddress);

        var page = await client.Http.GetStringAsync(new Uri(link).PathAndQuery.TrimStart('/'));

        Assert.Contains("data-testid=\"link-invalid\"", page);
    }

    [Fact]
    public async Task ActivationLink_WithAChangedCharacter_IsRefused()
    {
        var link = await CreateUserAndGetActivationLinkAsync("tamper@livecall.demo");
        var tampered = link[..^3] + (link[^3] == 'A' ? 'B' : 'A') + link[^2..];
        using var client = new StaffHttpClient(_app.BaseAddress);

        var page = await client.Http.GetStringAsync(new Uri(tampered).PathAndQuery.TrimStart('/'));

        Assert.Contains("data-testid=\"link-invalid\"", page);
    }

    [Fact]
    public async Task DeactivatingAUser_EndsTheirOpenSession()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        await client.LoginAsync("seller2@livecall.demo", LiveCallAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var admins = _app.Get<UserAdminService>();
        var scope = await PlatformAdminScopeAsync();
        var seller = (await admins.ListAsync(scope, "seller2", 0, 10, default)).Items.Single();
        var user = (await admins.GetAsync(scope, seller.Id, default))!;
        var result = await admins.UpdateAsync(scope, seller.Id, new UserInput(user.Email!, user.DisplayName, user.Mobile, user.Role, user.DealerId, user.LocationId, "en", IsActive: false), default);
        Assert.True(result.Succeeded);

        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndLax()
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        var (response, _) = await client.LoginAsync("admin@livecall.demo", LiveCallAppFactory.DemoPassword);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("livecall.auth"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> CreateUserAndGetActivationLinkAsync(string email)
    {
        var scope = await PlatformAdminScopeAsync();
        await using var db = await _app.DbAsync();
        var downtown = await db.Locations.SingleAsync(l => l.Slug == "downtown");
        var result = await _app.Get<UserAdminService>().CreateAsync(scope,
            new UserInput(email, "New Seller", "0151 22223333", StaffRole.Seller, null, downtown.Id, "en", true), _app.BaseAddress, default);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Values));
        return LinkIn((await OutboxAsync()).Single(m => m.Recipient == email && m.Purpose == OutboxPurpose.Activation).TextBody);
    }

    private static async Task<(HttpResponseMessage, string)> SetPasswordAsync(StaffHttpClient client, string link, string kind, string password) =>
        await client.SubmitFormAsync(new Uri(link).PathAndQuery.TrimStart('/'), kind == "activate" ? "set-password-Activation" : "set-password-PasswordReset",
            new Dictionary<string, string> { ["Input.Password"] = password, ["Input.Confirm"] = password });

    private Task<TenantScope> PlatformAdminScopeAsync() => _app.Data.ScopeOfAsync(TestData.PlatformAdmin);

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await _app.DbAsync();
        return await db.Outbox.ToListAsync();
    }

    private static string LinkIn(string text) => LinkPattern().Match(text).Value;
    private static string ErrorText(string html) => ErrorPattern().Match(html).Groups[1].Value;
    private static string SentText(string html) => SentPattern().Match(html).Groups[1].Value;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("data-testid=\"forgot-sent\">([^<]*)<")]
    private static partial Regex SentPattern();
}

public sealed class AccountLimitTests
{
    [Fact]
    public async Task ForgotPassword_SentTwiceInARow_MailsOnce()
    {
        await using var app = new LiveCallAppFactory();
        var accounts = app.Get<AccountService>();
        await accounts.RequestPasswordResetAsync("seller1@livecall.demo", app.BaseAddress, default);
        await accounts.RequestPasswordResetAsync("seller1@livecall.demo", app.BaseAddress, default);

        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Purpose == OutboxPurpose.PasswordReset));
    }

    [Fact]
    public async Task AccountForms_PostedTooOftenFromOneAddress_AreRefusedWith429()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["RateLimits:AccountPostsPerMinute"] = "3" } } };
        using var client = new StaffHttpClient(app.BaseAddress);
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.LoginAsync("nobody@livecall.demo", "Wrong-Pass-1!")).Response.StatusCode);

        var (response, body) = await client.LoginAsync("nobody@livecall.demo", "Wrong-Pass-1!");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Too many attempts", body);
    }

    [Fact]
    public async Task Restart_KeepsUsersLoggedIn()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "livecall-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(dataDir, "restart.db");
        Directory.CreateDirectory(dataDir);
        CookieContainer cookies;
        Uri firstAddress;
        await using (var first = new LiveCallAppFactory { Options = { Settings = { ["Database:Path"] = path } } })
        {
            using var client = new StaffHttpClient(first.BaseAddress);
            await client.LoginAsync("seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
            (cookies, firstAddress) = (client.Cookies, first.BaseAddress);
        }
        await using var second = new LiveCallAppFactory { Options = { Settings = { ["Database:Path"] = path } } };
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        foreach (Cookie c in cookies.GetCookies(firstAddress)) handler.CookieContainer.Add(second.BaseAddress, new Cookie(c.Name, c.Value));
        using var http = new HttpClient(handler) { BaseAddress = second.BaseAddress };

        var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hello Sam Seller", await response.Content.ReadAsStringAsync());
    }
}
