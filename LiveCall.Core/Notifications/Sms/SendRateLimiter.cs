namespace LiveCall.Core.Notifications.Sms;

/// <summary>Spaces sends evenly so that at most N start per second (one instance per process).</summary>
public sealed class SendRateLimiter(int perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / Math.Max(1, perSecond));
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var slot = _nextSlot > now ? _nextSlot : now;
            _nextSlot = slot + _interval;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
    }
}
