using LiveCall.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Outbox;

/// <summary>
/// Claims due outbox messages with a time-limited lease and hands each to its channel's sender.
/// Safe with several instances: a claim is a conditional UPDATE that only one worker can win, and
/// a message whose lease ran out (its worker died) is claimed again: at-least-once delivery, with
/// the outbox id as the provider's idempotency key.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    IEnumerable<IChannelSender> senders,
    ChannelPauses pauses,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private readonly Dictionary<OutboxChannel, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);
    private readonly OutboxOptions _options = options.Value;

    /// <summary>Identifies this worker in <see cref="OutboxMessage.LeaseOwner"/>.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName[..Math.Min(60, Environment.MachineName.Length)]}/{Guid.NewGuid():N}";

    /// <summary>Claims and sends one batch; returns how many messages were handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(claimed,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                async (message, ct) => await DeliverAsync(message, ct));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(claimed.Select(m => m.Id).ToList());
            throw;
        }
        return claimed.Count;
    }

    /// <summary>
    /// The app is stopping: what this worker claimed and did not finish (a send cut off, or not begun) is due again at once,
    /// for the next instance or start, instead of waiting out its lease. A send cut off may have reached the provider:
    /// the outbox id goes with it as the idempotency key, as after a crash.
    /// </summary>
    private async Task ReleaseAsync(IReadOnlyList<Guid> ids)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var released = await db.Outbox.Where(m => ids.Contains(m.Id) && m.LeaseOwner == WorkerId && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Queued)
                .SetProperty(m => m.NextAttemptUtc, now)
                .SetProperty(m => m.LastError, "Interrupted: the app stopped during the send")
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        if (released > 0) LogReleased(released);
    }

    /// <summary>Claims up to a batch of due messages for this worker (exposed for crash tests).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var paused = pauses.PausedChannels();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A message whose worker died on its last allowed attempt is not tried again.
        await db.Outbox
            .Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now && m.Attempts >= _options.MaxAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Dead)
                .SetProperty(m => m.LastError, "Gave up: the worker stopped during the last attempt")
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), cancellationToken);
        // A ring alert (an accept link) is worth sending only while its call still rings. After a crash or a restart the
        // ring can be long over without its withdrawal having run: no seller gets "Accept" for a call that is gone.
        await Due(db.Outbox, now).Where(m => m.ExpiresUtc <= now || (m.Purpose == OutboxPurpose.IncomingCall && m.CallId != null
                && db.Calls.Any(c => c.Id == m.CallId && c.State != Calls.CallState.Ringing)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                .SetProperty(m => m.LastError, "The ring was over before it went out")
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), cancellationToken);
        var candidates = await Due(db.Outbox, now)
            .Where(m => !paused.Contains(m.Channel))
            .OrderBy(m => m.NextAttemptUtc)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);

        var leaseUntil = now + _options.LeaseDuration;
        var won = new List<Guid>();
        foreach (var id in candidates)
        {
            var rows = await Due(db.Outbox.Where(m => m.Id == id), now).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LeaseOwner, WorkerId)
                .SetProperty(m => m.LeaseUntilUtc, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (rows == 1) won.Add(id);
        }
        if (won.Count == 0) return [];
        return await db.Outbox.AsNoTracking()
            .Where(m => won.Contains(m.Id) && m.LeaseOwner == WorkerId && m.Status == OutboxStatus.Sending)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> q, DateTime now) =>
        q.Where(m => (m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now)
                     || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now));

    /// <summary>Sends one claimed message and records the outcome (exposed for crash tests).</summary>
    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var result = await SendSafelyAsync(message, cancellationToken);
        // The outcome is recorded even during shutdown: losing a provider's "accepted" would mean a second send.
        cancellationToken = CancellationToken.None;
        var now = time.GetUtcNow().UtcDateTime;
        if (result.PauseChannel && result.RetryAtUtc is { } until)
        {
            pauses.Pause(message.Channel, until);
            LogChannelPaused(message.Channel, until);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Outbox.Where(m => m.Id == message.Id && m.LeaseOwner == WorkerId && m.Status == OutboxStatus.Sending);
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentUtc, now)
                    .SetProperty(m => m.ProviderMessageId, Truncate(result.ProviderMessageId, 200))
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), cancellationToken);
                LogSent(message.Id, message.Channel, message.Attempts);
                break;
            case DeliveryOutcome.NotConfigured:
                await Finish(mine, OutboxStatus.NotSent, result.Error, cancellationToken);
                break;
            case DeliveryOutcome.Permanent:
                await Finish(mine, OutboxStatus.Failed, result.Error, cancellationToken);
                LogFailed(message.Id, message.Channel, result.Error);
                break;
            case DeliveryOutcome.Retry when message.Attempts >= _options.MaxAttempts:
                var reason = $"Gave up after {message.Attempts} attempts: {result.Error}";
                await Finish(mine, OutboxStatus.Dead, reason, cancellationToken);
                LogDead(message.Id, message.Channel, message.Attempts, result.Error);
                break;
            case DeliveryOutcome.Retry:
                var backoff = RetryPolicy.Backoff(message.Attempts, _options.BaseRetryDelay, _options.MaxRetryDelay, Random.Shared);
                var next = RetryPolicy.NextAttempt(now, backoff, result.RetryAtUtc);
                await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Queued)
                    .SetProperty(m => m.NextAttemptUtc, next)
                    .SetProperty(m => m.LastError, Truncate(result.Error, 1000))
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), cancellationToken);
                LogRetry(message.Id, message.Channel, message.Attempts, next, result.Error);
                break;
        }
    }

    private async Task<DeliveryResult> SendSafelyAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!_senders.TryGetValue(message.Channel, out var sender)) return DeliveryResult.NotConfigured;
        try
        {
            return await sender.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Retry($"network error: {ex.HttpRequestError}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry("timeout");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSenderCrashed(ex, message.Id, message.Channel);
            return DeliveryResult.Retry($"unexpected error: {ex.GetType().Name}");
        }
    }

    private static Task<int> Finish(IQueryable<OutboxMessage> mine, OutboxStatus status, string? error, CancellationToken ct) =>
        mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.LastError, Truncate(error, 1000))
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), ct);

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {MessageId} ({Channel}) sent on attempt {Attempt}")]
    private partial void LogSent(Guid messageId, OutboxChannel channel, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {MessageId} ({Channel}) failed permanently: {Reason}")]
    private partial void LogFailed(Guid messageId, OutboxChannel channel, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {MessageId} ({Channel}) dead after {Attempts} attempts: {Reason}")]
    private partial void LogDead(Guid messageId, OutboxChannel channel, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {MessageId} ({Channel}) attempt {Attempt} failed, retry at {NextAttempt:o}: {Reason}")]
    private partial void LogRetry(Guid messageId, OutboxChannel channel, int attempt, DateTime nextAttempt, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sender for outbox {MessageId} ({Channel}) threw")]
    private partial void LogSenderCrashed(Exception ex, Guid messageId, OutboxChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} claimed outbox messages are due again at once")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} paused by the provider until {Until:o}")]
    private partial void LogChannelPaused(OutboxChannel channel, DateTimeOffset until);
}
