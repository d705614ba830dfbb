using System.Net;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Components;

/// <summary>Every staff page pre-renders for each role without an error (a component exception shows up as a 500 here).</summary>
public sealed class StaffPagesRenderTests : IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("seller1@livecall.demo", "/", "missed-calls")]
    [InlineData("seller1@livecall.demo", "/calls", "calls-export")]
    [InlineData("seller1@livecall.demo", "/followup", "FollowUp")]
    [InlineData("dealer-admin@livecall.demo", "/", "call-statistics")]
    [InlineData("dealer-admin@livecall.demo", "/calls", "calls-export")]
    [InlineData("dealer-admin@livecall.demo", "/outbox", "Outbox")]
    [InlineData("admin@livecall.demo", "/", "call-statistics")]
    [InlineData("admin@livecall.demo", "/calls", "calls-export")]
    public async Task StaffPage_PreRendersForTheRole(string email, string path, string marker)
    {
        using var client = new StaffHttpClient(_app.BaseAddress);
        await client.LoginAsync(email, LiveCallAppFactory.DemoPassword);

        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(marker, body);
    }
}
