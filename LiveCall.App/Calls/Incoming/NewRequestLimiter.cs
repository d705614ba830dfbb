using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// Counts what costs the dealer something (a new ringing call, a callback request) per client address
/// (<see cref="LiveCall.Core.ClientAddress"/>'s key: IPv4 address, IPv6 /64), so one visitor
/// cannot flood the sellers. Pressing "Start video call" again for a call that still rings costs nothing.
/// </summary>
public sealed class NewRequestLimiter(IOptions<CustomerOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.NewRequestsPerTenMinutes,
            Window = TimeSpan.FromMinutes(10),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string ip)
    {
        using var lease = _limiter.AttemptAcquire(ip);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
