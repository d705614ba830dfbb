using System.Text.Json;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveCall.Tests.Notifications;

/// <summary>
/// The dashboard's notification warning and the service worker in Chromium. Push needs a persistent browser profile
/// (Chromium refuses the Push API in incognito contexts, which Playwright's NewContext creates), so each test launches
/// its own. This machine cannot reach Chromium's push service (no DNS for fcm.googleapis.com), so a real
/// pushManager.subscribe() never completes here; see the second test for what is stubbed and why.
/// </summary>
public sealed class PushBrowserTests(LiveCallAppFactory app) : IClassFixture<LiveCallAppFactory>
{
    private string Origin => app.BaseAddress.GetLeftPart(UriPartial.Authority);

    private async Task<(IPlaywright, IBrowserContext, IPage)> LaunchAsync(string? initScript = null)
    {
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(Directory.CreateTempSubdirectory("livecall-push").FullName, new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LIVECALL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFixture.Args,
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(20_000);
        if (initScript is not null) await context.AddInitScriptAsync(initScript);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return (playwright, context, page);
    }

    [Fact]
    public async Task WithoutPermission_TheRedWarningShows_AndEnablingAsksForPermissionAndTriesTheRealPushService()
    {
        var (playwright, context, page) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = context;
        await BrowserSession.LoginAsync(page, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword);

        var warning = page.Locator("[data-testid=push-warning]");
        await Assertions.Expect(warning).ToHaveAttributeAsync("data-status", "prompt");
        Assert.Equal("default", await page.EvaluateAsync<string>("Notification.permission"));

        await context.GrantPermissionsAsync(["notifications"], new() { Origin = Origin });
        await page.ClickAsync("[data-testid=push-enable]");

        // Permission granted and the service worker registered; the subscription itself needs Google's push service.
        await Assertions.Expect(warning).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 30_000 });
        await Assertions.Expect(warning).ToContainTextAsync("push service did not answer");
        Assert.Equal("granted", await page.EvaluateAsync<string>("Notification.permission"));
        Assert.True(await page.EvaluateAsync<bool>("navigator.serviceWorker.getRegistration('/').then(r => !!r && !!r.active)"));
    }

    /// <summary>
    /// pushManager.subscribe/getSubscription are replaced by a stand-in returning an FCM-style subscription (the real one
    /// cannot be made offline, see above). Everything else is real: permission, the POST that stores the subscription,
    /// the status check that hides the warning, the outbox's push payload, its delivery to the real service worker
    /// through the DevTools protocol, the notification it shows, and the accept link its click opens.
    /// </summary>
    [Fact]
    public async Task WithASubscription_TheWarningDisappears_AndAPushShowsANotificationWhoseAcceptOpensTheCall()
    {
        var endpoint = $"https://fcm.googleapis.com/fcm/send/test-{Guid.NewGuid():N}";
        var (playwright, context, page) = await LaunchAsync(SubscriptionStandIn(endpoint));
        using var _ = playwright;
        await using var __ = context;
        await context.GrantPermissionsAsync(["notifications"], new() { Origin = Origin });
        await BrowserSession.LoginAsync(page, "seller1@livecall.demo", LiveCallAppFactory.DemoPassword);
        await Assertions.Expect(page.Locator("[data-testid=push-warning]")).ToHaveAttributeAsync("data-status", "unsubscribed");

        await page.ClickAsync("[data-testid=push-enable]");

        await Assertions.Expect(page.Locator("[data-testid=push-warning]")).ToHaveCountAsync(0);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync())
            Assert.Equal("seller1@livecall.demo", await db.PushSubscriptions.Where(s => s.Endpoint == endpoint).Join(db.Users, s => s.UserId, u => u.Id, (s, u) => u.Email).SingleAsync());
        await page.ReloadAsync();
        await BrowserSession.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=dashboard-welcome]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=push-warning]").CountAsync()); // the server confirms this device

        // A customer calls; the push the outbox holds for this device goes to the service worker through DevTools.
        var cdp = await context.NewCDPSessionAsync(page);
        var registrationId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
                if (r.GetProperty("scopeURL").GetString() == Origin + "/" && !r.GetProperty("isDeleted").GetBoolean())
                    registrationId.TrySetResult(r.GetProperty("registrationId").GetString()!);
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var start = await app.Services.GetRequiredService<IncomingCallService>().StartAsync("demo-motors", "downtown", "Clara Kunde", default);
        Assert.True(start.Ringing);
        var payload = await PushPayloadAsync(start.CallId!.Value, endpoint);
        // Precondition: the worker is active and may show notifications.
        Assert.Contains("activated granted", await EvaluateInServiceWorkerAsync(cdp, "Promise.resolve(self.registration.active.state + ' ' + Notification.permission)"));
        // The list of notifications is read only once the worker's push handler has finished (the promise it passes to
        // event.waitUntil has settled). Chromium's getNotifications() drops database entries of notifications that its
        // notification service does not list as displayed yet, so a read racing showNotification() deletes the fresh
        // notification for good (seen here in about one run of four while the list was polled during the push).
        Assert.Contains("hooked", await EvaluateInServiceWorkerAsync(cdp, @"(self.pushHandled = new Promise(resolve => {
            const waitUntil = ExtendableEvent.prototype.waitUntil;
            ExtendableEvent.prototype.waitUntil = function (promise) {
                waitUntil.call(this, promise);
                if (this.type === 'push') Promise.resolve(promise).then(() => resolve('fulfilled'), e => resolve('rejected: ' + e));
            };
        }), 'hooked')"));
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = Origin, ["registrationId"] = await registrationId.Task.WaitAsync(TimeSpan.FromSeconds(10)), ["data"] = payload,
        });
        Assert.Contains("\"value\":\"fulfilled\"", await EvaluateInServiceWorkerAsync(cdp, "self.pushHandled"));

        var notification = await SingleNotificationAsync(page);
        Assert.Equal("Incoming video call", notification.GetProperty("title").GetString());
        Assert.Equal("Clara Kunde is waiting at Downtown", notification.GetProperty("body").GetString());
        Assert.Equal(start.CallId.ToString(), notification.GetProperty("tag").GetString());
        Assert.Equal("Accept", notification.GetProperty("actions")[0].GetString());
        Assert.True(notification.GetProperty("requireInteraction").GetBoolean());

        // No OS notification to click headless: the service worker gets a notificationclick event for the Accept action,
        // evaluated in the service worker's own context through the DevTools protocol (Target.attachToTarget).
        await EvaluateInServiceWorkerAsync(cdp, @"self.registration.getNotifications().then(ns => {
            try { self.dispatchEvent(new NotificationEvent('notificationclick', { notification: ns[0], action: 'accept' })); } catch (e) { }
            return ns.length;
        })");

        var callPage = await WaitForPageAsync(context, $"/call/{start.CallId}");
        Assert.NotNull(callPage);
        await using var check = await app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var call = await check.Calls.AsNoTracking().SingleAsync(c => c.Id == start.CallId);
        Assert.Contains(call.State, new[] { CallState.Waiting, CallState.Connected });
        Console.WriteLine($"notification click: {context.Pages.Count} pages: {string.Join(", ", context.Pages.Select(p => new Uri(p.Url).AbsolutePath))}");
        Assert.Equal(await check.Users.Where(u => u.Email == "seller1@livecall.demo").Select(u => u.Id).SingleAsync(), call.AcceptedByUserId);
    }

    private static int _messageId = 4700;

    private static async Task<string> EvaluateInServiceWorkerAsync(ICDPSession cdp, string expression)
    {
        var targets = await cdp.SendAsync("Target.getTargets");
        var worker = targets!.Value.GetProperty("targetInfos").EnumerateArray().First(t => t.GetProperty("type").GetString() == "service_worker");
        var attached = await cdp.SendAsync("Target.attachToTarget", new Dictionary<string, object> { ["targetId"] = worker.GetProperty("targetId").GetString()!, ["flatten"] = false });
        var sessionId = attached!.Value.GetProperty("sessionId").GetString()!;
        var id = Interlocked.Increment(ref _messageId);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, e) =>
        {
            var message = e!.Value.GetProperty("message").GetString()!;
            if (message.StartsWith($"{{\"id\":{id},", StringComparison.Ordinal)) answer.TrySetResult(message);
        };
        await cdp.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object>
        {
            ["sessionId"] = sessionId,
            ["message"] = JsonSerializer.Serialize(new { id, method = "Runtime.evaluate", @params = new { expression, awaitPromise = true, returnByValue = true } }),
        });
        return await answer.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task<string> PushPayloadAsync(Guid callId, string endpoint)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<LiveCallDbContext>>().CreateDbContextAsync();
        var subscription = await db.PushSubscriptions.Where(s => s.Endpoint == endpoint).Select(s => s.Id).SingleAsync();
        return await db.Outbox.Where(m => m.CallId == callId && m.Channel == OutboxChannel.Push && m.Recipient == subscription.ToString())
            .Select(m => m.TextBody).SingleAsync();
    }

    /// <summary>The one notification the registration lists (read after the push was handled, so never racing its display).</summary>
    private static async Task<JsonElement> SingleNotificationAsync(IPage page)
    {
        var list = await page.EvaluateAsync<JsonElement>(@"() => navigator.serviceWorker.getRegistration('/').then(r => r.getNotifications()).then(ns => ns.map(n => ({
            title: n.title, body: n.body, tag: n.tag, requireInteraction: n.requireInteraction, actions: n.actions.map(a => a.title), url: n.data && n.data.url })))");
        Assert.True(list.GetArrayLength() == 1, $"the service worker shows {list.GetArrayLength()} notifications, expected exactly one: {list.GetRawText()}");
        return list[0];
    }

    /// <summary>The page (open already, opened or navigated later) at <paramref name="path"/>: waits on the browser's page and navigation events.</summary>
    private static async Task<IPage> WaitForPageAsync(IBrowserContext context, string path)
    {
        var reached = new TaskCompletionSource<IPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(IPage page)
        {
            if (new Uri(page.Url).AbsolutePath == path) reached.TrySetResult(page);
            page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame && new Uri(page.Url).AbsolutePath == path) reached.TrySetResult(page); };
        }
        context.Page += (_, page) => Watch(page);
        foreach (var page in context.Pages) Watch(page);
        try
        {
            return await Eventually.SignalAsync(reached.Task, TimeSpan.FromSeconds(15), $"a page at {path}");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no page reached {path}; pages: {string.Join(", ", context.Pages.Select(p => p.Url))}");
            throw;
        }
    }

    /// <summary>A PushManager whose subscribe/getSubscription answer with a fixed FCM-style subscription (RFC 8291's example keys).</summary>
    private static string SubscriptionStandIn(string endpoint) => $$"""
        (() => {
            if (!self.PushManager) return;
            let subscribed = false;
            const subscription = {
                endpoint: '{{endpoint}}',
                toJSON: () => ({ endpoint: '{{endpoint}}', keys: {
                    p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4', auth: 'BTBZMqHH6r4Tts7J_aSIgg' } }),
            };
            PushManager.prototype.subscribe = async function () { subscribed = true; sessionStorage.setItem('lc-sub', '1'); return subscription; };
            PushManager.prototype.getSubscription = async function () { return subscribed || sessionStorage.getItem('lc-sub') ? subscription : null; };
        })();
        """;
}
