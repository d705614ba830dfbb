using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// The channels beyond the toast: at ring start every rung seller gets a personal accept link by web push (every
/// subscribed device, at once), SMS (to the profile's mobile) and email, the latter two after the location's delays.
/// All of it goes through the durable outbox; the ring's end withdraws whatever has not gone out yet.
/// </summary>
public sealed partial class RingEscalations(
    IDbContextFactory<LiveCallDbContext> dbFactory,
    RingAcceptLinks links,
    NotificationOutbox outbox,
    BrandingService branding,
    PublicBaseAddress publicAddress,
    ILogger<RingEscalations> logger)
{
    /// <summary>
    /// The ring started: queue push, SMS and email for every ringing seller (with the location's delays). Returns the
    /// sellers at least one message was queued for (a push device, an SMS the caps allowed, an email).
    /// </summary>
    public async Task<IReadOnlySet<string>> RingStartedAsync(RingContext ring, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sellers = await db.Users.AsNoTracking().Where(u => ring.SellerIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.Email, u.Mobile, u.Language }).ToListAsync(cancellationToken);
        var brand = await branding.ResolveAsync(ring.DealerId, ring.LocationId, cancellationToken);
        var baseUri = publicAddress.Get();
        var reached = new HashSet<string>();

        // Every seller's accept link and push in one save each, every SMS and every email in one transaction each past their
        // limits: the same few commands for 2 sellers or 2,000.
        var tokens = await links.MintAsync(ring.CallId, sellers.Select(s => s.Id).ToList(), ring.RingEndsUtc, cancellationToken);
        var messages = sellers.ToDictionary(s => s.Id, s => (
            Link: new Uri(baseUri, $"r/{tokens[s.Id]}").ToString(),
            Texts: new RingMessages(ring.CustomerName, ring.LocationName, brand.DisplayName, s.Language)));
        var pushes = await outbox.EnqueuePushAsync(sellers.Select(s => new PushRequest(s.Id, messages[s.Id].Texts.PushTitle, messages[s.Id].Texts.PushBody,
            messages[s.Id].Link, OutboxPurpose.IncomingCall, ring.DealerId, ring.LocationId, ring.CallId, ring.CallId.ToString(), messages[s.Id].Texts.AcceptAction,
            ring.RingEndsUtc)).ToList(), cancellationToken);
        reached.UnionWith(pushes.Select(p => p.UserId));

        var texted = sellers.Where(s => !string.IsNullOrEmpty(s.Mobile)).ToList();
        var sms = await outbox.EnqueueSmsAsync(texted.Select(seller =>
        {
            var (link, texts) = messages[seller.Id];
            return new SmsRequest(seller.Mobile!, texts.Sms(link), OutboxPurpose.IncomingCall, ring.DealerId, ring.LocationId, RecipientUserId: seller.Id,
                CallId: ring.CallId, NotBeforeUtc: ring.StartedUtc + ring.SmsDelay, ExpiresUtc: ring.RingEndsUtc);
        }).ToList(), cancellationToken);
        foreach (var (seller, queued) in texted.Zip(sms))
        {
            if (queued.Accepted) reached.Add(seller.Id);
            else LogSmsRefused(logger, ring.CallId, seller.Id, queued.Refusal);
        }

        var mailed = sellers.Where(s => !string.IsNullOrEmpty(s.Email)).ToList();
        var emails = await outbox.EnqueueEmailsAsync(mailed.Select(seller =>
        {
            var (link, texts) = messages[seller.Id];
            var email = EmailTemplateRenderer.Render(new EmailBrand(brand.DisplayName, brand.PrimaryColor, null), texts.Email(link), seller.Language);
            return new EmailRequest(seller.Email!, email.Subject, email.Text, email.Html, OutboxPurpose.IncomingCall,
                ring.DealerId, ring.LocationId, RecipientUserId: seller.Id, CallId: ring.CallId, NotBeforeUtc: ring.StartedUtc + ring.EmailDelay, ExpiresUtc: ring.RingEndsUtc);
        }).ToList(), cancellationToken);
        foreach (var (seller, queued) in mailed.Zip(emails))
        {
            if (queued.Accepted) reached.Add(seller.Id);
            else LogEmailRefused(logger, ring.CallId, seller.Id, queued.Refusal);
        }
        LogEscalated(logger, ring.CallId, sellers.Count);
        return reached;
    }

    /// <summary>The ring is over (accepted, cancelled, timed out): withdraw whatever has not gone out yet.</summary>
    public async Task RingEndedAsync(Guid callId, CancellationToken cancellationToken)
    {
        var withdrawn = await outbox.CancelQueuedForCallAsync(callId, cancellationToken);
        LogWithdrawn(logger, callId, withdrawn);
        await ReplaceDeliveredPushesAsync(callId, cancellationToken);
    }

    /// <summary>
    /// A notification that already reached a device would offer "Accept" for a call that is over: a second push with the
    /// same tag replaces it with "Answered by NAME" or "Missed call" (no accept link).
    /// </summary>
    private async Task ReplaceDeliveredPushesAsync(Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reached = await db.Outbox.Where(m => m.CallId == callId && m.Channel == OutboxChannel.Push && m.UserId != null
                && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Delivered || m.Status == OutboxStatus.Sending))
            .Select(m => m.UserId!).Distinct().ToListAsync(cancellationToken);
        if (reached.Count == 0) return;
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId)
            .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.DealerId, c.LocationId, c.AcceptedByUserId, LocationName = l.Name })
            .SingleAsync(cancellationToken);
        var customer = await db.CallParticipants.Where(p => p.CallId == callId && p.Kind == ParticipantKind.Customer)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var answeredBy = call.AcceptedByUserId is { } winner
            ? await db.Users.Where(u => u.Id == winner).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
        var sellers = await db.Users.AsNoTracking().Where(u => reached.Contains(u.Id)).Select(u => new { u.Id, u.Language }).ToListAsync(cancellationToken);
        foreach (var seller in sellers)
        {
            var texts = new RingMessages(customer, call.LocationName, "", seller.Language);
            var (title, body) = texts.Ended(answeredBy);
            await outbox.EnqueuePushAsync(new PushRequest(seller.Id, title, body, null, OutboxPurpose.RingOutcome, call.DealerId, call.LocationId,
                callId, callId.ToString()), cancellationToken);
        }
    }

    /// <summary>
    /// The seller who accepted did not join in time and the call rings the others again: a notification on their devices
    /// (by now "Answered by" them) is replaced, with the same tag, by one saying that the call went to their colleagues.
    /// </summary>
    public async Task SellerNoShowAsync(Guid callId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var onDevice = await db.Outbox.AnyAsync(m => m.CallId == callId && m.Channel == OutboxChannel.Push && m.UserId == userId
            && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Delivered || m.Status == OutboxStatus.Sending || m.Status == OutboxStatus.Queued), cancellationToken);
        if (!onDevice) return;
        var call = await db.Calls.AsNoTracking().Where(c => c.Id == callId)
            .Join(db.Locations, c => c.LocationId, l => l.Id, (c, l) => new { c.DealerId, c.LocationId, LocationName = l.Name })
            .SingleAsync(cancellationToken);
        var customer = await db.CallParticipants.Where(p => p.CallId == callId && p.Kind == ParticipantKind.Customer)
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var language = await db.Users.Where(u => u.Id == userId).Select(u => u.Language).SingleOrDefaultAsync(cancellationToken) ?? "en";
        var (title, body) = new RingMessages(customer, call.LocationName, "", language).PassedOn;
        await outbox.EnqueuePushAsync(new PushRequest(userId, title, body, null, OutboxPurpose.IncomingCall, call.DealerId, call.LocationId,
            callId, callId.ToString()), cancellationToken);
    }

    /// <summary>One seller declined: withdraw that seller's pending messages.</summary>
    public async Task SellerDeclinedAsync(Guid callId, string userId, CancellationToken cancellationToken)
    {
        var withdrawn = await outbox.CancelQueuedForCallRecipientAsync(callId, userId, cancellationToken);
        LogWithdrawn(logger, callId, withdrawn);
    }

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId}: push, SMS and email queued for {SellerCount} sellers")]
    private static partial void LogEscalated(ILogger logger, Guid callId, int sellerCount);

    [LoggerMessage(LogLevel.Warning, "Incoming call {CallId}: SMS to user {UserId} refused ({Refusal})")]
    private static partial void LogSmsRefused(ILogger logger, Guid callId, string userId, SendRefusal refusal);

    [LoggerMessage(LogLevel.Warning, "Incoming call {CallId}: email to user {UserId} refused ({Refusal})")]
    private static partial void LogEmailRefused(ILogger logger, Guid callId, string userId, SendRefusal refusal);

    [LoggerMessage(LogLevel.Information, "Incoming call {CallId}: {Count} queued escalations withdrawn")]
    private static partial void LogWithdrawn(ILogger logger, Guid callId, int count);
}
