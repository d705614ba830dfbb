using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace LiveCall.Tests.Support;

/// <summary>What the Apple stand-in answered to one request.</summary>
public sealed record AppleAnswer(RecordedRequest Request, int Status, string? Reason);

/// <summary>
/// Apple's Web Push service (web.push.apple.com, for Safari 16+ and Home Screen web apps on iOS/iPadOS 16.4+) played on
/// 127.0.0.1, with the checks Apple documents: 201 only for a POST whose VAPID JWT verifies against its <c>k</c>, whose
/// <c>aud</c> is the origin of the endpoint, whose <c>sub</c> is a mailto: or https: URL and whose <c>exp</c> lies in
/// the future but at most one day ahead (else 403 <c>BadJwtToken</c>); a body over 4 KB is 413 <c>PayloadTooLarge</c>.
/// <see cref="Answer"/> forces another answer, as Apple gives it: 410 <c>Unregistered</c>, 429 <c>TooManyRequests</c>, ….
/// Endpoints look like Apple's: an opaque token as the whole path.
/// </summary>
public sealed class ApplePushStandIn : IAsyncDisposable
{
    public const int MaxPayloadBytes = 4096;

    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "BadDeviceToken", [403] = "BadJwtToken", [410] = "Unregistered", [413] = "PayloadTooLarge",
        [429] = "TooManyRequests", [500] = "InternalServerError", [503] = "ServiceUnavailable",
    };

    private readonly ConcurrentQueue<AppleAnswer> _answers = new();
    private readonly TimeProvider _time;
    private StandInServer _server = null!;

    private ApplePushStandIn(TimeProvider time) => _time = time;

    /// <param name="time">Apple's clock for the <c>exp</c> check (the app's fake clock in service tests).</param>
    public static async Task<ApplePushStandIn> StartAsync(TimeProvider time)
    {
        var apple = new ApplePushStandIn(time);
        apple._server = await StandInServer.StartAsync(apple.RespondAsync);
        return apple;
    }

    /// <summary>The push service's origin, e.g. http://127.0.0.1:41234 (the JWT audience it expects).</summary>
    public string Origin => _server.BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>When set, every request gets this status (with Apple's reason) instead of the checks' verdict.</summary>
    public int? Answer { get; set; }

    public IReadOnlyList<AppleAnswer> Answers => _answers.ToList();

    /// <summary>A subscription endpoint as Safari reports it: the service's origin and an opaque device token.</summary>
    public Uri Endpoint(string device) => new(_server.BaseUri, $"QGm{device}");

    private async Task RespondAsync(RecordedRequest request, int number, HttpResponse response)
    {
        var (status, reason) = Answer is { } forced ? (forced, Reasons.GetValueOrDefault(forced)) : Check(request);
        _answers.Enqueue(new AppleAnswer(request, status, reason));
        response.StatusCode = status;
        if (reason is not null) await response.WriteAsJsonAsync(new { reason });
    }

    private (int Status, string? Reason) Check(RecordedRequest request)
    {
        if (request.Method != "POST") return (405, "MethodNotAllowed");
        var (claims, _) = VapidHeader.Read(request);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (claims is null
            || claims.Audience != Origin
            || !(claims.Subject.StartsWith("mailto:", StringComparison.Ordinal) || claims.Subject.StartsWith("https://", StringComparison.Ordinal))
            || claims.Expires <= now || claims.Expires > now + (long)TimeSpan.FromDays(1).TotalSeconds)
            return (403, "BadJwtToken");
        if (request.Body.Length > MaxPayloadBytes) return (413, "PayloadTooLarge");
        return (201, null);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
