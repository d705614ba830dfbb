using LiveCall.Core.Calls;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Data;

/// <summary>What one sweep removed, by kind.</summary>
public sealed record RetentionResult(int Participants, int CallbackRequests, int OutboxMessages, int WebhookEvents);

/// <summary>
/// Removes personal data past its <see cref="RetentionOptions"/> time, in a few set-based updates whatever the amount.
/// Rows stay where statistics or budgets count them (calls, outbox rows); only what identifies a person is blanked.
/// Safe on several instances at once: running it twice removes nothing more.
/// </summary>
public sealed partial class RetentionSweep(IDbContextFactory<LiveCallDbContext> dbFactory, IOptions<RetentionOptions> options, TimeProvider time,
    ILogger<RetentionSweep> logger) : BackgroundService
{
    /// <summary>What a removed name reads as in the call history.</summary>
    public const string RemovedName = "—";

    public async Task<RetentionResult> SweepAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var contactsBefore = now - o.CustomerContacts;
        var participants = await db.CallParticipants
            .Where(p => p.Kind != ParticipantKind.Staff && (p.DisplayName != RemovedName || p.CustomerPhone != null || p.CustomerEmail != null || p.InvitedContact != null))
            .Where(p => db.Calls.Any(c => c.Id == p.CallId && c.CreatedUtc < contactsBefore
                && (c.State == CallState.Ended || c.State == CallState.Unanswered || c.State == CallState.Cancelled)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.DisplayName, RemovedName)
                .SetProperty(p => p.CustomerPhone, (string?)null)
                .SetProperty(p => p.CustomerEmail, (string?)null)
                .SetProperty(p => p.InvitedContact, (string?)null), cancellationToken);
        // The hashed browser, contact and network keys of the ring limits: hashes of a phone number or an address can be guessed.
        await db.Calls.Where(c => c.CreatedUtc < contactsBefore && (c.CustomerBrowserKey != null || c.CustomerContactKey != null || c.CustomerNetworkKey != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.CustomerBrowserKey, (string?)null)
                .SetProperty(c => c.CustomerContactKey, (string?)null)
                .SetProperty(c => c.CustomerNetworkKey, (string?)null), cancellationToken);
        var callbacks = await db.CallbackRequests
            .Where(r => r.CreatedUtc < contactsBefore && (r.Name != RemovedName || r.Phone != null || r.Email != null || r.Note != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Name, RemovedName)
                .SetProperty(r => r.Phone, (string?)null)
                .SetProperty(r => r.Email, (string?)null)
                .SetProperty(r => r.Note, (string?)null), cancellationToken);

        var bodiesBefore = now - o.OutboxBodies;
        var messages = await db.Outbox
            .Where(m => m.CreatedUtc < bodiesBefore && m.Status != OutboxStatus.Queued && m.Status != OutboxStatus.Sending
                && (m.Recipient != "" || m.TextBody != "" || m.HtmlBody != null || m.Subject != null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Recipient, "")
                .SetProperty(m => m.TextBody, "")
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.Subject, (string?)null), cancellationToken);

        var eventsBefore = now - o.WebhookEvents;
        var events = await db.ProcessedWebhookEvents.Where(e => e.ReceivedUtc < eventsBefore).ExecuteDeleteAsync(cancellationToken);

        var result = new RetentionResult(participants, callbacks, messages, events);
        LogSwept(result.Participants, result.CallbackRequests, result.OutboxMessages, result.WebhookEvents);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Retention sweep: contacts of {Participants} call participants and {Callbacks} callback requests, bodies of {Messages} messages, {Events} webhook events removed")]
    private partial void LogSwept(int participants, int callbacks, int messages, int events);

    [LoggerMessage(LogLevel.Error, "The retention sweep failed")]
    private partial void LogFailed(Exception exception);
}
