using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using Microsoft.Extensions.Localization;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// How the customer learns what happens to the call: a Server-Sent Events stream (current state first, then every
/// change of this call only, until a seller is in the call with them or it is over: an accepted call whose seller does
/// not come is handed over) with a plain status GET as fallback; and the public online/offline status of a location
/// for the embeddable button (CORS *, no credentials).
/// </summary>
public static class CustomerStatusEndpoints
{
    /// <summary>A comment-free keep-alive so proxies do not close a quiet stream.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);
    /// <summary>No ring lasts this long; a stream that is still open then ends (the page falls back to polling).</summary>
    private static readonly TimeSpan MaxStream = TimeSpan.FromMinutes(10);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/calls/{callId:guid}/status", StatusAsync);
        api.MapGet("/calls/{callId:guid}/events", EventsAsync);
    }

    public static void MapPublic(RouteGroupBuilder embed) => embed.MapGet("/{dealerSlug}/{locationSlug}/status", PublicStatusAsync);

    private static async Task<IResult> StatusAsync(Guid callId, HttpContext context, CustomerCalls calls, IStringLocalizer<Ui> T, TimeProvider time,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var call = await calls.OfTokenAsync(CustomerCookie.Read(context), callId, cancellationToken);
        return call is null ? CustomerCallEndpoints.NotYours(T) : Results.Ok(CustomerCallView.Of(call, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> EventsAsync(Guid callId, HttpContext context, CustomerCalls calls, ILiveEventBus bus, IStringLocalizer<Ui> T,
        TimeProvider time, IHostApplicationLifetime app, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await calls.OfTokenAsync(CustomerCookie.Read(context), callId, cancellationToken) is null) return CustomerCallEndpoints.NotYours(T);
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(StreamAsync(callId, calls, bus, time, app.ApplicationStopping, cancellationToken));
    }

    /// <summary>
    /// The call's state as it changes, until it is final, the client goes, <see cref="MaxStream"/> passes or the app stops.
    /// On stopping the stream ends at once (the browser's EventSource reconnects, to this instance once it is back or to
    /// another), so that open streams never hold a shutdown.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<CustomerCallView>> StreamAsync(Guid callId, CustomerCalls calls, ILiveEventBus bus, TimeProvider time,
        CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        // Subscribe before reading the state, so a change between the two is not missed.
        // EventsMissed (this stream fell behind) wakes it too: it re-reads the call either way.
        await using var subscription = bus.Subscribe([LiveTopic.Call(callId)],
            e => e is RingEnded r && r.CallId == callId || e is CallChanged c && c.CallId == callId || e is RingDeclined d && d.CallId == callId,
            (_, _) =>
            {
                changed.Writer.TryWrite(true);
                return Task.CompletedTask;
            });
        using var maxStream = new CancellationTokenSource(MaxStream, time);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, maxStream.Token, stopping);

        CustomerCallView? last = null;
        while (!lifetime.IsCancellationRequested)
        {
            var call = await calls.FindAsync(callId, cancellationToken);
            if (call is null) yield break;
            var view = CustomerCallView.Of(call, time.GetUtcNow().UtcDateTime);
            if (last is null || view.State != last.State || view.Sellers != last.Sellers || view.Connected != last.Connected)
                yield return new SseItem<CustomerCallView>(view);
            last = view;
            if (view.IsFinal) yield break;

            using var keepAlive = new CancellationTokenSource(KeepAlive, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, keepAlive.Token);
            bool signalled;
            try
            {
                signalled = await changed.Reader.WaitToReadAsync(wait.Token) && changed.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                signalled = false;
            }
            if (!signalled && !lifetime.IsCancellationRequested) yield return new SseItem<CustomerCallView>(view, "keep-alive");
        }
    }

    /// <summary>online = open now and at least one seller available; for the embed button on any site (no cookies, CORS *).</summary>
    private static async Task<IResult> PublicStatusAsync(string dealerSlug, string locationSlug, string? lang, HttpContext context, CustomerCalls calls,
        IncomingCallService incoming, BrandingService branding, IStringLocalizer<Ui> T, TimeProvider time, CancellationToken cancellationToken)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        context.Response.Headers.CacheControl = "no-store";
        var culture = new CultureInfo(lang?.StartsWith("de", StringComparison.OrdinalIgnoreCase) == true ? "de" : "en");
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;

        var location = await calls.FindLocationAsync(dealerSlug, locationSlug, cancellationToken);
        if (location is null) return CustomerCallEndpoints.Unknown(T);
        var brand = await branding.ResolveAsync(location.DealerId, location.Id, cancellationToken);
        var now = time.GetUtcNow();
        var openNow = location.IsActive && location.IsOpenAt(now);
        var online = openNow && await incoming.CountAvailableAsync(location.Id, cancellationToken) > 0;
        var next = openNow || !location.IsActive ? null : location.OpeningHours.NextOpening(now, location.TimeZone);
        var request = context.Request;
        return Results.Ok(new PublicStatus(online, openNow, location.IsActive, next, location.IsActive && !openNow ? CustomerTexts.NextOpening(next, location, T) : null,
            location.TimeZoneId, brand.DisplayName, brand.PrimaryColor, T[online ? "Customer.Embed.Online" : "Customer.Embed.Offline"].Value,
            $"{request.Scheme}://{request.Host}{request.PathBase}/call/{location.Dealer!.Slug}/{location.Slug}"));
    }

    private sealed record PublicStatus(bool Online, bool OpenNow, bool Active, DateTimeOffset? NextOpening, string? NextOpeningText, string TimeZone,
        string DisplayName, string Color, string Label, string Url);
}
