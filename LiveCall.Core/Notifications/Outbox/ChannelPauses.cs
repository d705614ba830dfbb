using System.Collections.Concurrent;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>Channels paused by a provider's rate limit (e.g. SendGrid 429) until a reset time.</summary>
public sealed class ChannelPauses(TimeProvider time)
{
    private readonly ConcurrentDictionary<OutboxChannel, DateTimeOffset> _until = new();

    public void Pause(OutboxChannel channel, DateTimeOffset until) =>
        _until.AddOrUpdate(channel, until, (_, existing) => existing > until ? existing : until);

    public bool IsPaused(OutboxChannel channel) =>
        _until.TryGetValue(channel, out var until) && until > time.GetUtcNow();

    public IReadOnlyList<OutboxChannel> PausedChannels() =>
        Enum.GetValues<OutboxChannel>().Where(IsPaused).ToList();
}
