namespace LiveCall.Core.Notifications.Sms;

/// <summary>
/// A token bucket: bursts up to N sends, refilled at N per second; a send beyond that waits for
/// its slot (reserved in order). One instance per process.
/// </summary>
public sealed class SendRateLimiter(int perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _rate = Math.Max(1, perSecond);
    private double _tokens = Math.Max(1, perSecond);
    private DateTimeOffset _last = time.GetUtcNow();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _tokens = Math.Min(_rate, _tokens + (now - _last).TotalSeconds * _rate);
            _last = now;
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate);
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
    }
}
