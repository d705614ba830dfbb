using System.Threading.RateLimiting;

namespace LiveCall.App.Infrastructure;

/// <summary>
/// Counts wrong, expired and revoked personal links (guest links <c>/j/{token}</c>, accept links <c>/r/{token}</c>)
/// per client address (<see cref="LiveCall.Core.ClientAddress"/>'s key: IPv4 address, IPv6 /64): someone guessing links runs out of tries long before a 256-bit token could be found.
/// One budget for both kinds of link.
/// </summary>
public sealed class LinkFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 }));

    /// <summary>Whether this address may still try a link.</summary>
    public bool MayTry(string ip)
    {
        using var probe = _failures.AttemptAcquire(ip, 0);
        return probe.IsAcquired;
    }

    /// <summary>Counts one failed link from this address; never waits.</summary>
    public void CountFailure(string ip)
    {
        using var lease = _failures.AttemptAcquire(ip, 1);
    }

    public void Dispose() => _failures.Dispose();
}
