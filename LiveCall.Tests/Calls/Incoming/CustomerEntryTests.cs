using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCall.Core.Calls;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>The customer's entry over real HTTP: bad input, unknown and deactivated locations, one call per browser, cancel rights.</summary>
public sealed class CustomerEntryTests : IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory { Options = { FakeClock = true } };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("", "en", "Please enter your name.")]
    [InlineData("   ", "de", "Bitte geben Sie Ihren Namen ein.")]
    [InlineData(null, "en", "Please use at most 80 characters.")] // 10,000 characters
    public async Task Start_WithAnEmptyOrHugeName_AnswersWithTheFieldError_AndStoresNothing(string? name, string language, string message)
    {
        using var customer = _app.Customer(language);
        var (status, body) = await CustomerHttp.StartAsync(customer, name ?? new string('x', 10_000));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, body.GetProperty("errors").GetProperty("name").GetString());
        Assert.Empty(await _app.Data.CallsAsync());
    }

    [Fact]
    public async Task Start_WithoutThePrivacyNote_OrWithABrokenPhone_NamesEachField()
    {
        using var customer = _app.Customer();
        var (status, body) = await CustomerHttp.StartAsync(customer, "Clara", phone: "12", email: "not-an-email", privacy: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.Equal("Please accept the privacy note to continue.", errors.GetProperty("privacy").GetString());
        Assert.StartsWith("Enter a valid phone number", errors.GetProperty("phone").GetString());
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.Empty(await _app.Data.CallsAsync());
    }

    [Fact]
    public async Task Start_WithBodyThatIsNotJson_IsAClearBadRequest()
    {
        using var customer = _app.Customer();
        var response = await customer.PostAsync("api/incoming/demo-motors/downtown/start", new StringContent("name=x", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ScriptInTheName_IsKeptAsText_EscapedInJsonAndOnThePage()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        using var customer = _app.Customer();
        const string name = "<script>alert('x')</script>";

        var response = await customer.PostAsJsonAsync("api/incoming/demo-motors/downtown/start", new { name, privacyAccepted = true });
        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType); // data, never markup
        Assert.Equal(name, JsonDocument.Parse(json).RootElement.GetProperty("name").GetString());

        // A reload while it rings carries on waiting: the name is in the page, but only as text.
        var page = await customer.GetStringAsync("call/demo-motors/downtown");
        Assert.Contains("data-resume=", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains("\\u003Cscript\\u003E", page);
        await using var db = await _app.DbAsync();
        Assert.Equal(name, (await db.CallParticipants.SingleAsync(p => p.Kind == ParticipantKind.Customer)).DisplayName);
    }

    [Fact]
    public async Task PressingStartTwentyTimes_WithTheSameCookie_IsOneCall()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        using var customer = _app.Customer();
        var ids = new List<string?>();
        for (var i = 0; i < 20; i++)
        {
            var (status, body) = await CustomerHttp.StartAsync(customer, "Clara Kunde");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ringing", body.GetProperty("state").GetString());
            Assert.Equal(1, body.GetProperty("sellers").GetInt32());
            ids.Add(body.GetProperty("callId").GetString());
        }

        var call = Assert.Single(await _app.Data.CallsAsync());
        Assert.All(ids, id => Assert.Equal(call.Id.ToString(), id));
    }

    [Theory]
    [InlineData("call/demo-motors/nowhere")]
    [InlineData("call/nobody/downtown")]
    public async Task UnknownSlugs_GetTheFriendlyNotFoundPage_With404(string path)
    {
        using var customer = _app.Customer();
        var response = await customer.GetAsync(path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(page.Contains("data-testid=\"customer-not-found\""), page);
        Assert.Contains("This page does not exist", page);
        var (status, body) = await CustomerHttp.PostAsync(customer, "api/incoming/" + path["call/".Length..] + "/start", new { name = "Clara", privacyAccepted = true });
        Assert.Equal((HttpStatusCode.NotFound, "unknown"), (status, body.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task DeactivatedLocation_ShowsTheFriendlyPage_AndTakesNoCall()
    {
        await using (var db = await _app.DbAsync())
            await db.Locations.Where(l => l.Slug == "downtown").ExecuteUpdateAsync(s => s.SetProperty(l => l.IsActive, false));
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        using var customer = _app.Customer();

        var page = await customer.GetStringAsync("call/demo-motors/downtown");
        Assert.Contains("data-testid=\"customer-inactive\"", page);
        Assert.DoesNotContain("customer-start", page);
        var (status, body) = await CustomerHttp.StartAsync(customer, "Clara");
        Assert.Equal((HttpStatusCode.Conflict, "inactive"), (status, body.GetProperty("state").GetString()));
        Assert.Empty(await _app.Data.CallsAsync());
        var embed = await customer.GetFromJsonAsync<JsonElement>("api/incoming/demo-motors/downtown/status");
        Assert.False(embed.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Cancel_WorksOnlyWithTheCallersOwnCookie()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        await _app.Data.OpenDashboardAsync(TestData.Seller2);
        using var clara = _app.Customer();
        using var stranger = _app.Customer();
        using var nobody = _app.Customer();
        var callId = (await CustomerHttp.StartAsync(clara, "Clara")).Body.GetProperty("callId").GetString();
        await CustomerHttp.StartAsync(stranger, "Stranger"); // a cookie of its own, for another call

        foreach (var other in new[] { stranger, nobody })
        {
            var (status, _) = await CustomerHttp.PostAsync(other, $"api/incoming/calls/{callId}/cancel", new { });
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"api/incoming/calls/{callId}/status")).StatusCode);
        }
        Assert.Equal(CallState.Ringing, (await _app.Data.CallsAsync()).Single(c => c.Id.ToString() == callId).State);

        var (ok, body) = await CustomerHttp.PostAsync(clara, $"api/incoming/calls/{callId}/cancel", new { });
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (ok, body.GetProperty("state").GetString()));
        Assert.Equal(CallState.Cancelled, (await _app.Data.CallsAsync()).Single(c => c.Id.ToString() == callId).State);
    }

    [Fact]
    public async Task AfterACancel_StartingAgain_IsANewCall()
    {
        await _app.Data.OpenDashboardAsync(TestData.Seller1);
        using var clara = _app.Customer();
        var first = (await CustomerHttp.StartAsync(clara, "Clara")).Body.GetProperty("callId").GetString();
        await CustomerHttp.PostAsync(clara, $"api/incoming/calls/{first}/cancel", new { });

        var second = (await CustomerHttp.StartAsync(clara, "Clara")).Body.GetProperty("callId").GetString();
        Assert.NotEqual(first, second);
        Assert.Equal(2, (await _app.Data.CallsAsync()).Count);
    }
}
