using System.Net;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.FollowUp;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications;
using LiveCall.Core.Tenancy;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.FollowUp;

/// <summary>Guest links from "Start call" to the guest page: unguessable, hashed at rest, expiring, revocable, one answer for every failure.</summary>
public sealed class GuestLinkTests : IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Options = { ClockStart = DateTimeOffset.UtcNow } };
        _ = _app.BaseAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<TenantScope> SellerAsync() => _app.Data.ScopeOfAsync(TestData.Seller1);

    private async Task<(Guid CallId, string Link)> StartWithOneGuestAsync()
    {
        var result = await _app.Get<FollowUpService>().StartAsync(await SellerAsync(), "Sam Seller", "en",
            [new GuestInvitationInput(InvitationChannel.Email, "Erika", "erika@example.com")], _app.BaseAddress, default);
        Assert.True(result.Succeeded);
        await using var db = await _app.DbAsync();
        var body = (await db.Outbox.SingleAsync(m => m.CallId == result.CallId)).TextBody;
        return (result.CallId!.Value, System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+/j/[A-Za-z0-9_-]+").Value);
    }

    private async Task<string> OpenAsync(string link)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        return await http.GetStringAsync(link);
    }

    [Fact]
    public async Task Token_Has256RandomBits_AndOnlyItsHashIsStored()
    {
        var (callId, link) = await StartWithOneGuestAsync();
        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.Equal(32, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(token).Length);
        await using var db = await _app.DbAsync();
        var guest = await db.CallParticipants.SingleAsync(p => p.CallId == callId && p.Kind == ParticipantKind.Guest);
        Assert.NotNull(guest.AccessTokenHash);
        Assert.DoesNotContain(token, guest.AccessTokenHash);
        Assert.False(await db.CallParticipants.AnyAsync(p => p.AccessTokenHash == token));
    }

    [Fact]
    public async Task ValidLink_SetsAnHttpOnlyCookie_AndMovesToTheCleanUrlWithoutReferrer()
    {
        var (_, link) = await StartWithOneGuestAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);

        var response = await http.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/guest", response.Headers.Location!.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("livecall.call=") && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var page = await http.GetStringAsync(new Uri(_app.BaseAddress, "guest"));
        Assert.Contains("data-testid=\"guest-join\"", page);
        Assert.Contains("Demo Motors", page);
    }

    [Fact]
    public async Task WrongExpiredAndRevokedLinks_AllGetTheSamePage()
    {
        var (callId, link) = await StartWithOneGuestAsync();
        var changed = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');
        var wrong = await OpenAsync(changed);
        Assert.Contains("data-testid=\"guest-link-invalid\"", wrong);

        Assert.Contains("data-testid=\"guest-join\"", await OpenAsync(link)); // still fine

        var (_, revokedLink) = await StartWithOneGuestAsync();
        var revokedCall = (await (await _app.DbAsync()).CallParticipants.AsNoTracking()
            .Where(p => p.Kind == ParticipantKind.Guest).OrderBy(p => p.Id).ToListAsync()).Single(p => p.CallId != callId);
        Assert.True(await _app.Get<FollowUpService>().RevokeAsync(await SellerAsync(), revokedCall.CallId, revokedCall.Id, default));
        var revoked = await OpenAsync(revokedLink);

        _app.Time.Advance(FollowUpService.LinkLifetime + TimeSpan.FromMinutes(1));
        var expired = await OpenAsync(link);

        Assert.NotEmpty(Normalize(wrong));
        Assert.Equal(Normalize(wrong), Normalize(revoked));
        Assert.Equal(Normalize(wrong), Normalize(expired));
    }

    [Fact]
    public async Task RevokingAnotherDealersGuest_IsRefused()
    {
        var (callId, _) = await StartWithOneGuestAsync();
        await using var db = await _app.DbAsync();
        var guest = await db.CallParticipants.SingleAsync(p => p.CallId == callId && p.Kind == ParticipantKind.Guest);
        var stranger = new TenantScope("x", LiveCall.Core.Users.StaffRole.Seller, Guid.NewGuid(), Guid.NewGuid());
        Assert.False(await _app.Get<FollowUpService>().RevokeAsync(stranger, callId, guest.Id, default));
    }

    [Fact]
    public async Task GuessingLinks_IsCutOffPerAddress()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _app.BaseAddress };
        for (var i = 0; i < 20; i++) await http.GetAsync($"j/guess-{i:D4}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        var (_, link) = await StartWithOneGuestAsync();

        // Even a valid link is not honoured from an address that has used up its failures.
        var response = await http.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'));

        Assert.Equal("/guest/invalid", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SmsOverTheCap_RefusesBeforeAnythingIsSavedOrSent()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["SmsLimits:PerUserDaily"] = "1" } } };
        var seller = await app.Data.ScopeOfAsync(TestData.Seller1);
        var followUps = app.Get<FollowUpService>();
        var first = await followUps.StartAsync(seller, "Sam Seller", "en", [new GuestInvitationInput(InvitationChannel.Sms, "Max", "0151 23456789")], app.BaseAddress, default);
        Assert.True(first.Succeeded);

        var second = await followUps.StartAsync(seller, "Sam Seller", "en",
            [new GuestInvitationInput(InvitationChannel.Email, "Erika", "erika@example.com"), new GuestInvitationInput(InvitationChannel.Sms, "Moritz", "0151 34567890")],
            app.BaseAddress, default);

        Assert.Equal(SendRefusal.UserDailyCap, second.Refusal);
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.Calls.CountAsync());
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Purpose == OutboxPurpose.FollowUpInvitation));
    }

    [Fact]
    public async Task CraftedRequests_WithFiftyRowsOrTheSameGuestTwice_SaveNothing()
    {
        var seller = await SellerAsync();
        var fifty = Enumerable.Range(0, 50).Select(i => new GuestInvitationInput(InvitationChannel.Email, $"G{i}", $"g{i}@example.com")).ToList();
        var twice = new List<GuestInvitationInput> { new(InvitationChannel.Sms, "Max", "0151 23456789"), new(InvitationChannel.Sms, "Max", "+4915123456789") };

        var a = await _app.Get<FollowUpService>().StartAsync(seller, "Sam", "en", fifty, _app.BaseAddress, default);
        var b = await _app.Get<FollowUpService>().StartAsync(seller, "Sam", "en", twice, _app.BaseAddress, default);

        Assert.Equal(FollowUpRules.TooManyGuests, a.Errors!.Form);
        Assert.Equal(FollowUpRules.Duplicate, b.Errors!.For(1, FollowUpRules.ContactField));
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.Calls.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.Purpose == OutboxPurpose.FollowUpInvitation));
    }

    /// <summary>The visible answer (the page also carries per-request framework state).</summary>
    private static string Normalize(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<div class=\"lc-guest-message\" data-testid=\"guest-link-invalid\">.*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
}

public sealed class FollowUpPrefillTests : IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MissedCall_PrefillsTheFormWithTheCustomersContact_OnlyForItsOwnLocation()
    {
        var callId = (await _app.Data.AddCallAsync((await _app.Data.LocationAsync("downtown")).Id, DateTimeOffset.UtcNow)).Id; // unanswered
        await _app.Data.AddCustomerAsync(callId, "Clara Kunde", InvitationChannel.Sms, "+4915198765432");
        var seller = await _app.Data.ScopeOfAsync(TestData.Seller1);
        var followUps = _app.Get<FollowUpService>();

        Assert.Equal(new GuestInvitationInput(InvitationChannel.Sms, "Clara Kunde", "+4915198765432"), await followUps.PrefillAsync(seller, callId, default));
        Assert.Null(await followUps.PrefillAsync(seller with { LocationId = Guid.NewGuid() }, callId, default));

        using var client = new StaffHttpClient(_app.BaseAddress);
        await client.LoginAsync("seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
        var page = await (await client.GetAsync($"followup?call={callId}")).Content.ReadAsStringAsync();
        Assert.Contains("Clara Kunde", page);
        Assert.Contains("4915198765432", page); // the "+" is HTML-encoded in the pre-rendered value
    }
}
