using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>What the customer hears back: the live stream, the callback request, the embed button's status, rate limits.</summary>
public sealed class CustomerStatusTests
{
    [Fact]
    public async Task EmbedStatus_IsOpenToEveryOrigin_OfflineWithoutSeller_OnlineWithASellersDashboardOpen()
    {
        await using var app = new LiveCallAppFactory { Options = { FakeClock = true } };
        using var anyone = app.Customer();

        var offline = await anyone.GetAsync("api/incoming/demo-motors/downtown/status?lang=de");
        Assert.Equal("*", Assert.Single(offline.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(offline.Headers.Contains("Access-Control-Allow-Credentials"));
        var body = await offline.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("online").GetBoolean());
        Assert.True(body.GetProperty("openNow").GetBoolean());
        Assert.Equal("Videoanruf – Rückruf anfordern", body.GetProperty("label").GetString());
        Assert.Equal("Demo Motors", body.GetProperty("displayName").GetString());

        await app.Data.OpenDashboardAsync(TestData.Seller1);
        var online = await anyone.GetFromJsonAsync<JsonElement>("api/incoming/demo-motors/downtown/status");
        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.Equal("Video call – sellers available", online.GetProperty("label").GetString());
        Assert.EndsWith("/call/demo-motors/downtown", online.GetProperty("url").GetString());

        // A seller who is away does not count.
        await app.Get<LiveCall.Core.Users.SellerDuty>().SetAwayAsync((await app.Data.ScopeOfAsync(TestData.Seller1)).UserId, default);
        Assert.False((await anyone.GetFromJsonAsync<JsonElement>("api/incoming/demo-motors/downtown/status")).GetProperty("online").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("api/incoming/demo-motors/nowhere/status")).StatusCode);
    }

    public static TheoryData<string, string, string, string, string, string> AcrossDaylightSavingChanges => new()
    {
        // Berlin, Friday evening before the clocks go back (Sun 25 Oct 2026): Monday 09:00 is CET (08:00 UTC), not CEST.
        { "Europe/Berlin", "2026-10-23T16:00:00Z", "2026-10-26T08:00:00Z", "en", "Monday, October 26, 2026", "9:00 AM (Berlin time)" },
        // Berlin, Monday 08:30 CET: one hour earlier than under summer time, so still closed.
        { "Europe/Berlin", "2026-10-26T07:30:00Z", "2026-10-26T08:00:00Z", "de", "Montag, 26. Oktober 2026", "09:00 Uhr (Ortszeit Berlin)" },
        // New York, Friday 18:00 EDT before the US change (Sun 1 Nov 2026): Monday 09:00 is EST (14:00 UTC).
        { "America/New_York", "2026-10-30T22:00:00Z", "2026-11-02T14:00:00Z", "en", "Monday, November 2, 2026", "9:00 AM (New York time)" },
        // New York, Monday 08:30 EST (13:30 UTC) — 09:30 under summer time would be open.
        { "America/New_York", "2026-11-02T13:30:00Z", "2026-11-02T14:00:00Z", "de", "Montag, 2. November 2026", "09:00 Uhr (Ortszeit New York)" },
    };

    [Theory]
    [MemberData(nameof(AcrossDaylightSavingChanges))]
    public async Task OutsideOpeningHours_ThePageSaysWhenItOpens_AndStartIsRefused(string zone, string now, string nextUtc, string language, string day, string time)
    {
        await using var app = new LiveCallAppFactory { Options = { ClockStart = DateTimeOffset.Parse(now) } };
        await app.Data.AddDemoLocationAsync("branch", zone, OpeningHours.Weekly(new TimeOnly(9, 0), new TimeOnly(17, 0),
            DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday));
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        using var customer = app.Customer(language);

        // ICU puts a narrow no-break space before "AM"; the reader sees a space.
        var page = WebUtility.HtmlDecode(await customer.GetStringAsync("call/demo-motors/branch")).Replace('\u202f', ' ');
        Assert.Contains("data-state=\"closed\"", page);
        Assert.Contains($"{day}", page);
        Assert.Contains(time, page);

        var (status, body) = await CustomerHttp.StartAsync(customer, "Clara", location: "branch");
        Assert.Equal((HttpStatusCode.Conflict, "closed"), (status, body.GetProperty("state").GetString()));
        Assert.Equal(DateTimeOffset.Parse(nextUtc), body.GetProperty("nextOpening").GetDateTimeOffset());
        Assert.Empty(await app.Data.CallsAsync());

        var embed = await customer.GetFromJsonAsync<JsonElement>("api/incoming/demo-motors/branch/status");
        Assert.False(embed.GetProperty("online").GetBoolean());
        Assert.False(embed.GetProperty("openNow").GetBoolean());
        Assert.Equal(DateTimeOffset.Parse(nextUtc), embed.GetProperty("nextOpening").GetDateTimeOffset());
    }

    [Fact]
    public async Task CallbackRequest_NeedsPhoneOrEmail_AndIsTiedToTheUnansweredCall()
    {
        await using var app = new LiveCallAppFactory { Options = { FakeClock = true } };
        using var clara = app.Customer();
        var (startStatus, start) = await CustomerHttp.StartAsync(clara, "Clara Kunde", phone: "0151 23456789");
        Assert.Equal((HttpStatusCode.OK, "unanswered"), (startStatus, start.GetProperty("state").GetString())); // nobody online

        var (invalid, errors) = await CustomerHttp.PostAsync(clara, "api/incoming/demo-motors/downtown/callback",
            new { name = "Clara Kunde", phone = "", email = "", privacyAccepted = true });
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal("Enter a phone number or an email address so that we can call you back.", errors.GetProperty("errors").GetProperty("phone").GetString());
        await using (var db = await app.DbAsync()) Assert.Empty(await db.CallbackRequests.ToListAsync());

        var (ok, _) = await CustomerHttp.PostAsync(clara, "api/incoming/demo-motors/downtown/callback",
            new { name = "Clara Kunde", phone = "0151 23456789", email = "", note = "About the blue estate car", privacyAccepted = true });
        Assert.Equal(HttpStatusCode.OK, ok);
        await using (var db = await app.DbAsync())
        {
            var request = await db.CallbackRequests.SingleAsync();
            Assert.Equal(Guid.Parse(start.GetProperty("callId").GetString()!), request.CallId);
            Assert.Equal(("+4915123456789", "About the blue estate car"), (request.Phone, request.Note));
        }
    }

    [Fact]
    public async Task LiveStream_SendsTheCurrentStateFirst_ThenTheAccept_AndEndsOnceTheSellerIsInTheCall()
    {
        await using var app = new LiveCallAppFactory { Options = { FakeClock = true } };
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        using var clara = app.Customer();
        var callId = Guid.Parse((await CustomerHttp.StartAsync(clara, "Clara")).Body.GetProperty("callId").GetString()!);

        using var response = await clara.GetAsync($"api/incoming/calls/{callId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextDataAsync(reader);
        Assert.Equal(("ringing", 1), (first.GetProperty("state").GetString(), first.GetProperty("sellers").GetInt32()));

        var accepted = await app.Get<IncomingCallService>().AcceptAsync(callId, await app.Data.ScopeOfAsync(TestData.Seller1), default);
        Assert.Equal(AcceptOutcome.Won, accepted.Outcome);
        Assert.Equal("accepted", (await NextDataAsync(reader)).GetProperty("state").GetString());
        var status = await clara.GetFromJsonAsync<JsonElement>($"api/incoming/calls/{callId}/status");
        Assert.Equal("accepted", status.GetProperty("state").GetString());

        // The seller may still not come (then the call is handed over): the stream stays open until they are in the call.
        await JoinAsync(app, callId, null);
        await JoinAsync(app, callId, TestData.Seller1);
        var connected = await NextDataAsync(reader);
        Assert.Equal(("accepted", true), (connected.GetProperty("state").GetString(), connected.GetProperty("connected").GetBoolean()));
        Assert.DoesNotContain("data:", await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task LiveStream_WhenTheSellerWhoAcceptedDoesNotCome_SaysHandOver_ThenTheNextAccept()
    {
        await using var app = new LiveCallAppFactory { Options = { FakeClock = true } };
        await app.Data.OpenDashboardAsync(TestData.Seller1);
        await app.Data.OpenDashboardAsync(TestData.Seller2);
        using var clara = app.Customer();
        var callId = Guid.Parse((await CustomerHttp.StartAsync(clara, "Clara")).Body.GetProperty("callId").GetString()!);
        await app.Data.AcceptAsync(callId, TestData.Seller1);
        await JoinAsync(app, callId, null); // the customer waits in the call

        using var response = await clara.GetAsync($"api/incoming/calls/{callId}/events", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("accepted", (await NextDataAsync(reader)).GetProperty("state").GetString());

        app.Time.Advance(Location.DefaultAcceptDeadline);
        await app.Get<IncomingCallService>().ExpireDueAsync(default); // the app's own sweep may run too: one of them hands over
        var handover = await NextDataAsync(reader);
        Assert.Equal(("handover", 1), (handover.GetProperty("state").GetString(), handover.GetProperty("sellers").GetInt32()));
        Assert.Equal("handover", (await clara.GetFromJsonAsync<JsonElement>($"api/incoming/calls/{callId}/status")).GetProperty("state").GetString());

        await app.Data.AcceptAsync(callId, TestData.Seller2);
        Assert.Equal("accepted", (await NextDataAsync(reader)).GetProperty("state").GetString());
        await JoinAsync(app, callId, TestData.Seller2);
        Assert.True((await NextDataAsync(reader)).GetProperty("connected").GetBoolean());
    }

    /// <summary>A seller (or, with null, the customer) enters the call as the call page would.</summary>
    private static async Task JoinAsync(LiveCallAppFactory app, Guid callId, string? sellerEmail)
    {
        CallIdentity who;
        if (sellerEmail is not null) who = new CallIdentity.Staff(await app.Data.ScopeOfAsync(sellerEmail), sellerEmail);
        else
        {
            await using var db = await app.DbAsync();
            var customer = await db.CallParticipants.SingleAsync(p => p.CallId == callId && p.Kind == ParticipantKind.Customer);
            who = new CallIdentity.TokenHolder(callId, customer.Id, ParticipantKind.Customer, customer.DisplayName);
        }
        Assert.Equal(JoinStatus.Joined, (await app.Get<CallService>().JoinAsync(callId, who, default)).Status);
    }

    /// <summary>The next message as the page's EventSource hears it: keep-alive events (sent when the fake clock jumps) are not messages.</summary>
    private static async Task<JsonElement> NextDataAsync(StreamReader reader)
    {
        string? eventType = null;
        while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) is { } line)
        {
            if (line.Length == 0) eventType = null;
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) eventType = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventType is null or "message") return JsonDocument.Parse(line[6..]).RootElement.Clone();
        }
        throw new InvalidOperationException("The stream ended.");
    }

    [Fact]
    public async Task PublicEndpoints_AreRateLimitedPerIp_WithAClearText()
    {
        await using var app = new LiveCallAppFactory
        {
            Options =
            {
                Settings =
                {
                    ["Customer:ApiRequestsPerMinute"] = "3", ["Customer:EmbedStatusPerMinute"] = "2",
                    ["Customer:PageRequestsPerMinute"] = "2", ["Customer:NewRequestsPerTenMinutes"] = "2",
                },
            },
        };
        using var client = app.Customer("de");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await client.GetAsync("api/incoming/demo-motors/downtown/status")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var refused = await client.GetAsync("api/incoming/demo-motors/downtown/status");
        Assert.Equal("*", Assert.Single(refused.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.StartsWith("Zu viele Versuche", await refused.Content.ReadAsStringAsync());

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("call/demo-motors/downtown")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("call/demo-motors/downtown")).StatusCode);

        // New calls cost the dealer something: only two per ten minutes from one address (three API requests in all).
        using var other = app.Customer();
        Assert.Equal(HttpStatusCode.OK, (await CustomerHttp.StartAsync(other, "A")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CustomerHttp.StartAsync(app.Customer(), "B")).Status);
        var (third, _) = await CustomerHttp.StartAsync(app.Customer(), "C");
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
        Assert.Equal(2, (await app.Data.CallsAsync()).Count);
    }
}
