using System.Net;
using LiveCall.App.Infrastructure;
using LiveCall.Core;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveCall.Tests.Infrastructure;

/// <summary>Links in messages start with the one public base URL, never with what a request claims; outside Development it is required.</summary>
public sealed class PublicAddressTests
{
    [Fact]
    public async Task ForgotPassword_InDevelopmentWithoutAPublicAddress_LinksToTheListeningAddress_WhateverHostTheRequestClaims()
    {
        await using var app = new LiveCallAppFactory();
        using var client = new StaffHttpClient(app.BaseAddress);
        client.Http.DefaultRequestHeaders.Host = "evil.example";

        await client.SubmitFormAsync("account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = "seller1@livecall.demo" });

        await using var db = await app.DbAsync();
        var mail = await db.Outbox.AsNoTracking().SingleAsync(m => m.Purpose == OutboxPurpose.PasswordReset);
        Assert.Contains(app.BaseAddress + "account/reset-password?", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody);
    }

    [Fact]
    public async Task TheOldSettingName_EscalationPublicBaseUrl_IsStillRead()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["Escalation:PublicBaseUrl"] = "https://old.example.com" } } };

        Assert.Equal(new Uri("https://old.example.com/"), app.Get<PublicBaseAddress>().Get());
    }

    [Fact]
    public async Task Production_WithoutAPublicAddress_RefusesToStart_NamingTheSetting()
    {
        await using var app = new LiveCallAppFactory { Options = { Settings = { ["environment"] = "Production" } } };

        var error = Record.Exception(() => app.BaseAddress);

        Assert.NotNull(error);
        Assert.Contains(PublicAddressRequired.Message, error.ToString());
    }

    [Fact]
    public async Task Production_AnswersOnlyThePublicHost_AndLoopbackForTheHealthProbe()
    {
        await using var app = new LiveCallAppFactory
        {
            Options = { Settings = { ["environment"] = "Production", ["App:PublicBaseUrl"] = "https://calls.example.com/" } },
        };
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "calls.example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(http, "evil.example")).StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string? host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        if (host is not null) request.Headers.Host = host;
        return http.SendAsync(request);
    }
}
