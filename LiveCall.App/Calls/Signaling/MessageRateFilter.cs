using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Signaling;

/// <summary>
/// Closes a signaling connection that sends faster than <see cref="SignalingOptions.MessagesPerSecond"/> (after a burst
/// allowance of <see cref="SignalingOptions.BurstMessages"/>), telling it why first: <c>Error("too-many-messages")</c>.
/// Messages still queued from a connection that was cut off are dropped without a word: one log line per flood, not one
/// per message.
/// </summary>
public sealed partial class MessageRateFilter(IOptions<SignalingOptions> options, TimeProvider time, ILogger<MessageRateFilter> logger) : IHubFilter
{
    private const string BucketKey = "livecall:rate";
    private const string CutOffKey = "livecall:cut-off";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        if (context.Items.ContainsKey(CutOffKey)) return null;
        if (!context.Items.TryGetValue(BucketKey, out var value) || value is not TokenBucket bucket)
        {
            bucket = new TokenBucket(options.Value.BurstMessages, options.Value.MessagesPerSecond, time.GetUtcNow());
            context.Items[BucketKey] = bucket;
        }
        if (!bucket.TryTake(time.GetUtcNow()))
        {
            context.Items[CutOffKey] = true;
            LogTooFast(context.ConnectionId);
            if (invocationContext.Hub is Hub<ISignalingClient> hub) await hub.Clients.Caller.Error("too-many-messages");
            context.Abort();
            return null;
        }
        return await next(invocationContext);
    }

    private sealed class TokenBucket(int capacity, int perSecond, DateTimeOffset now)
    {
        private readonly Lock _gate = new();
        private double _tokens = capacity;
        private DateTimeOffset _last = now;

        public bool TryTake(DateTimeOffset at)
        {
            lock (_gate)
            {
                _tokens = Math.Min(capacity, _tokens + Math.Max(0, (at - _last).TotalSeconds) * perSecond);
                _last = at;
                if (_tokens < 1) return false;
                _tokens -= 1;
                return true;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Closed signaling connection {ConnectionId}: too many messages")]
    private partial void LogTooFast(string connectionId);
}
