using System.Net;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LiveCall.Tests.Infrastructure;

/// <summary>No token, phone number, message text or password in any log line: of a run through every sensitive flow, and of the whole test run.</summary>
public sealed class LogScanTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("info LiveCall.Core.Notifications: Outbox 3f2a sent to +4915112345678", "phone number")]
    [InlineData("GET http://127.0.0.1:5000/r/Zx9_aQ3bC7dE1fG5hJ2kL8mN4pR6sT0uV3wX5yZ7a0b", "token")]
    [InlineData("redirect to /account/reset-password?user=42&token=CfDJ8ABCDEFGHIJKLMNOPQRSTUV", "token")]
    [InlineData("Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJhdWQiOiJ4In0.abc", "token")]
    [InlineData("login for seller1 with Test-Demo-Pass-1! failed", "password")]
    [InlineData("body: Set a new password: http://livecall.test/", "message text")]
    public void Scanner_FindsEachKindOfSecret(string line, string kind) => Assert.Contains(kind, LogSecrets.Find(line));

    [Theory]
    [InlineData("info LiveCall.Core.Notifications.Outbox.OutboxDispatcher: Outbox 0b5e8c51-1a7d-4a8e-9a57-2bb0f4f1a111 (Sms) sent on attempt 1")]
    [InlineData("warn LiveCall.App.Calls.Signaling.SignalingHub: Join of call 7c9e6679-7425-40de-944b-e07fc1f90ae7 refused: not-allowed")]
    [InlineData("Now listening on: http://127.0.0.1:41234")]
    public void Scanner_PassesOrdinaryLines(string line) => Assert.Empty(LogSecrets.Find(line));

    [Fact]
    public async Task SensitiveFlows_LeaveNoSecretInTheLog()
    {
        await using var vonage = await StandInServer.StartAsync((_, _, r) => VonageStandIn.Status(r, "0"));
        await using var sendGrid = await StandInServer.StartAsync((_, _, r) => { r.StatusCode = 202; r.Headers["X-Message-Id"] = "sg-1"; return Task.CompletedTask; });
        var log = TestLog.Capture();
        await using var app = new LiveCallAppFactory { Options = { Log = log } };
        app.Options.Settings["Outbox:PollInterval"] = "00:00:00.200";
        foreach (var (key, value) in VonageStandIn.Settings(vonage.BaseUri).Concat(SendGridStandIn.Settings(sendGrid.BaseUri))) app.Options.Settings[key] = value;

        using (var wrong = new StaffHttpClient(app.BaseAddress)) await wrong.LoginAsync(TestData.Seller2, "Wrong-Pass-1!");
        using var seller = new StaffHttpClient(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await seller.LoginAsync(TestData.Seller1, TestData.DemoPassword)).Response.StatusCode);
        await seller.SubmitFormAsync("account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = TestData.Seller2 });
        using var customer = app.Customer();
        var (status, body) = await CustomerHttp.StartAsync(customer, "Lotte Log", phone: "+4915199998888", email: "lotte@log.test");
        Assert.Equal(HttpStatusCode.OK, status);
        await seller.GetAsync($"r/{await app.Data.LinkTokenAsync(body.GetProperty("callId").GetGuid(), TestData.Seller1)}");
        await seller.GetAsync("j/not-a-real-guest-token-but-long-enough");
        var messages = await Eventually.PollAsync(async () =>
        {
            await using var db = await app.DbAsync();
            return await db.Outbox.AsNoTracking().ToListAsync();
        }, m => m.Count > 0 && m.All(x => x.Status is not OutboxStatus.Queued and not OutboxStatus.Sending), TimeSpan.FromSeconds(20));
        Assert.Contains(messages, m => m.Channel == OutboxChannel.Sms && m.Status == OutboxStatus.Sent);
        Assert.Contains(messages, m => m.Purpose == OutboxPurpose.PasswordReset && m.Status == OutboxStatus.Sent);

        // The secrets of this run: every recipient, and each message's lines of some length (links, names, sentences).
        var known = messages.SelectMany(m => new[] { m.Recipient }.Concat(m.TextBody.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 24))).ToList();
        var findings = log.Lines.Select(l => (Line: l, Kinds: LogSecrets.Find(l, known))).Where(f => f.Kinds.Count > 0).ToList();
        foreach (var (line, kinds) in findings) output.WriteLine($"{string.Join(", ", kinds)}: {line}");
        Assert.True(log.Lines.Count > 20, $"only {log.Lines.Count} log lines: the capture is not working");
        Assert.Empty(findings);
    }

    [RunLogFact]
    public void WholeTestRun_LeavesNoSecretInAnyLogLine()
    {
        var lines = File.ReadAllLines(Environment.GetEnvironmentVariable(RunLogFactAttribute.Variable)!);
        var findings = lines.Select(l => (Line: l, Kinds: LogSecrets.Find(l))).Where(f => f.Kinds.Count > 0).ToList();
        foreach (var (line, kinds) in findings.Take(50)) output.WriteLine($"{string.Join(", ", kinds)}: {line}");
        output.WriteLine($"{lines.Length} log lines read, {findings.Count} with a secret");
        Assert.True(lines.Length > 100, $"only {lines.Length} lines: the run's log was not captured");
        Assert.Empty(findings);
    }

    /// <summary>Runs only where scripts/test.sh points <see cref="Variable"/> at the finished run's log (a second, filtered test run).</summary>
    private sealed class RunLogFactAttribute : FactAttribute
    {
        public const string Variable = "LIVECALL_SCAN_LOG";

        public RunLogFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path || !File.Exists(path))
                Skip = $"scans the whole run's log: scripts/test.sh runs it after the suite with {Variable} set";
        }
    }
}
