using LiveCall.Core.Data;
using LiveCall.Core.Dealers;
using LiveCall.Core.Live;
using LiveCall.Core.Notifications;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Sms;
using LiveCall.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LiveCall.Core.Calls.FollowUp;

/// <summary>
/// The outcome of "Start call": the call, or why nothing was started (field errors, or an SMS limit or email budget that
/// refused the invitation of <see cref="RefusedVia"/>).
/// </summary>
public sealed record FollowUpStarted(Guid? CallId, FollowUpErrors? Errors, SendRefusal Refusal)
{
    public bool Succeeded => CallId is not null;
    public InvitationChannel RefusedVia { get; init; }
}

/// <summary>
/// Starts an outgoing FollowUp call: checks every row, every SMS limit and email budget first (so a refusal sends
/// nothing and saves nothing), then creates the call and queues one personal invitation per guest.
/// </summary>
public sealed partial class FollowUpService(IDbContextFactory<LiveCallDbContext> dbFactory, CallService calls, CallAccessTokens tokens,
    NotificationOutbox outbox, SmsGuard smsGuard, BrandingService branding, ILiveEventBus bus, ILogger<FollowUpService> logger)
{
    /// <summary>A guest link works until the call ends, and 24 hours at most.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);
    public const string NoLocation = "FollowUp.Error.NoLocation";

    public async Task<FollowUpStarted> StartAsync(TenantScope seller, string sellerName, string language, IReadOnlyList<GuestInvitationInput> rows,
        Uri baseUri, CancellationToken cancellationToken)
    {
        if (seller.DealerId is not { } dealerId || seller.LocationId is not { } locationId)
            return new FollowUpStarted(null, new FollowUpErrors(new Dictionary<(int, string), string>(), NoLocation), SendRefusal.None);
        string country;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            country = await db.Locations.Where(l => l.Id == locationId).Select(l => l.Country).SingleAsync(cancellationToken);

        var (errors, guests) = FollowUpRules.Check(rows, country);
        if (!errors.IsValid) return new FollowUpStarted(null, errors, SendRefusal.None);
        foreach (var guest in guests)
        {
            var refusal = await CheckAsync(guest, seller.UserId, locationId, dealerId, cancellationToken);
            if (refusal != SendRefusal.None) return new FollowUpStarted(null, null, refusal) { RefusedVia = guest.Channel };
        }

        var call = await calls.StartFollowUpAsync(seller, cancellationToken);
        var brand = await branding.ResolveAsync(dealerId, locationId, cancellationToken);
        foreach (var guest in guests)
        {
            var invitation = await tokens.InviteAsync(call.Id, ParticipantKind.Guest, guest.Name, LinkLifetime, cancellationToken);
            await RecordAsync(invitation.ParticipantId, guest, cancellationToken);
            await SendInvitationAsync(guest, new Uri(baseUri, $"j/{invitation.Token}").ToString(), brand, sellerName, language, seller, call, cancellationToken);
        }
        LogStarted(logger, call.Id, guests.Count);
        await bus.PublishAsync(new CallChanged(call.Id, call.DealerId, call.LocationId, call.Kind, call.State, [seller.UserId]), cancellationToken);
        return new FollowUpStarted(call.Id, null, SendRefusal.None);
    }

    /// <summary>
    /// The customer of a missed call (or callback request) as a FollowUp row: their name and the contact
    /// they left. Null when the call is not the seller's, or nobody left contact data.
    /// </summary>
    public async Task<GuestInvitationInput?> PrefillAsync(TenantScope seller, Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || !seller.CanSeeLocation(call.DealerId, call.LocationId)) return null;
        var customer = await db.CallParticipants.AsNoTracking()
            .FirstOrDefaultAsync(p => p.CallId == callId && p.Kind == ParticipantKind.Customer && p.InvitedContact != null, cancellationToken);
        return customer is null ? null : new GuestInvitationInput(customer.InvitedVia ?? InvitationChannel.Sms, customer.DisplayName, customer.InvitedContact);
    }

    /// <summary>The guests of the seller's call with the state of each invitation; null when the call is not theirs.</summary>
    public async Task<IReadOnlyList<InvitationRow>?> ListAsync(TenantScope seller, Guid callId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || !seller.CanSeeLocation(call.DealerId, call.LocationId)) return null;
        var guests = await db.CallParticipants.AsNoTracking().Where(p => p.CallId == callId && p.InvitedVia != null).OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
        var messages = await db.Outbox.AsNoTracking().Where(m => m.CallId == callId && m.Purpose == OutboxPurpose.FollowUpInvitation)
            .Select(m => new { m.Recipient, m.Status, m.CreatedUtc, m.LastError }).ToListAsync(cancellationToken);
        return guests.Select(g =>
        {
            var last = messages.Where(m => m.Recipient == g.InvitedContact).OrderByDescending(m => m.CreatedUtc).FirstOrDefault();
            var state = g.IsRevoked ? InvitationState.Revoked : g.JoinedUtc is not null ? InvitationState.Joined : InvitationRow.From(last?.Status);
            return new InvitationRow(g.Id, g.DisplayName, g.InvitedVia!.Value, g.InvitedContact!, state, state == InvitationState.Failed ? last?.LastError : null);
        }).ToList();
    }

    /// <summary>Sends a guest a new personal link (the previous one stops working). Refused like any SMS over a limit.</summary>
    public async Task<SendRefusal?> ResendAsync(TenantScope seller, string sellerName, string language, Guid callId, Guid participantId, Uri baseUri, CancellationToken cancellationToken)
    {
        var (call, guest) = await FindGuestAsync(seller, callId, participantId, cancellationToken);
        if (call is null || guest?.InvitedVia is not { } channel || call.IsOver) return null;
        var invitation = new GuestInvitation(channel, guest.DisplayName, guest.InvitedContact!);
        if (await CheckAsync(invitation, seller.UserId, call.LocationId, call.DealerId, cancellationToken) is var refusal && refusal != SendRefusal.None)
            return refusal;
        var token = await tokens.MintAsync(callId, participantId, LinkLifetime, cancellationToken);
        var brand = await branding.ResolveAsync(call.DealerId, call.LocationId, cancellationToken);
        await SendInvitationAsync(invitation, new Uri(baseUri, $"j/{token.Token}").ToString(), brand, sellerName, language, seller, call, cancellationToken);
        return SendRefusal.None;
    }

    /// <summary>Invites one more guest into a running call (up to the form's limit of guests).</summary>
    public async Task<FollowUpStarted> InviteMoreAsync(TenantScope seller, string sellerName, string language, Guid callId, GuestInvitationInput row, Uri baseUri, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || call.IsOver || !seller.CanSeeLocation(call.DealerId, call.LocationId)) return new FollowUpStarted(null, null, SendRefusal.None);
        var existing = await db.CallParticipants.AsNoTracking().Where(p => p.CallId == callId && p.InvitedVia != null)
            .Select(p => new GuestInvitationInput(p.InvitedVia!.Value, p.DisplayName, p.InvitedContact)).ToListAsync(cancellationToken);
        var country = await db.Locations.Where(l => l.Id == call.LocationId).Select(l => l.Country).SingleAsync(cancellationToken);
        // The new row is checked together with the guests already invited: the limit and "nobody twice" hold for the whole call.
        var (errors, checkedGuests) = FollowUpRules.Check([.. existing, row], country);
        if (!errors.IsValid)
        {
            var mine = errors.Fields.Where(f => f.Key.Row == existing.Count).ToDictionary(f => (0, f.Key.Field), f => f.Value);
            return new FollowUpStarted(null, new FollowUpErrors(mine, errors.Form), SendRefusal.None);
        }
        var guest = checkedGuests[^1]; // the new row, normalised
        if (await CheckAsync(guest, seller.UserId, call.LocationId, call.DealerId, cancellationToken) is var refusal && refusal != SendRefusal.None)
            return new FollowUpStarted(null, null, refusal) { RefusedVia = guest.Channel };
        var invitation = await tokens.InviteAsync(callId, ParticipantKind.Guest, guest.Name, LinkLifetime, cancellationToken);
        await RecordAsync(invitation.ParticipantId, guest, cancellationToken);
        var brand = await branding.ResolveAsync(call.DealerId, call.LocationId, cancellationToken);
        await SendInvitationAsync(guest, new Uri(baseUri, $"j/{invitation.Token}").ToString(), brand, sellerName, language, seller, call, cancellationToken);
        return new FollowUpStarted(callId, null, SendRefusal.None);
    }

    private async Task RecordAsync(Guid participantId, GuestInvitation guest, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await db.CallParticipants.SingleAsync(p => p.Id == participantId, cancellationToken);
        participant.RecordInvitation(guest.Channel, guest.Contact);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(Call? Call, CallParticipant? Guest)> FindGuestAsync(TenantScope seller, Guid callId, Guid participantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || !seller.CanSeeLocation(call.DealerId, call.LocationId)) return (null, null);
        var guest = await db.CallParticipants.AsNoTracking().SingleOrDefaultAsync(p => p.Id == participantId && p.CallId == callId && p.Kind == ParticipantKind.Guest, cancellationToken);
        return (call, guest);
    }

    /// <summary>Withdraws a guest's personal link (the seller's call only); true when there was one to withdraw.</summary>
    public async Task<bool> RevokeAsync(TenantScope seller, Guid callId, Guid participantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is null || !seller.CanSeeLocation(call.DealerId, call.LocationId)) return false;
        var guest = await db.CallParticipants.SingleOrDefaultAsync(p => p.Id == participantId && p.CallId == callId && p.Kind == ParticipantKind.Guest, cancellationToken);
        if (guest is null) return false;
        guest.RevokeAccess();
        await db.SaveChangesAsync(cancellationToken);
        LogRevoked(logger, callId, participantId);
        return true;
    }

    /// <summary>The SMS limits or the email budgets for one invitation, looked at before anything is saved (the enqueue checks again).</summary>
    private Task<SendRefusal> CheckAsync(GuestInvitation guest, string userId, Guid locationId, Guid dealerId, CancellationToken cancellationToken) =>
        guest.Channel == InvitationChannel.Sms
            ? smsGuard.CheckAsync(guest.Contact, OutboxPurpose.FollowUpInvitation, userId, locationId, dealerId, cancellationToken)
            : outbox.CheckEmailAsync(OutboxPurpose.FollowUpInvitation, locationId, dealerId, cancellationToken);

    private async Task SendInvitationAsync(GuestInvitation guest, string link, EffectiveBranding brand, string sellerName, string language,
        TenantScope seller, Call call, CancellationToken cancellationToken)
    {
        var de = language == "de";
        if (guest.Channel == InvitationChannel.Sms)
        {
            var text = de
                ? $"{brand.DisplayName}: {sellerName} lädt Sie zu einem Videoanruf ein. Ihr persönlicher Link: {link}"
                : $"{brand.DisplayName}: {sellerName} invites you to a video call. Your personal link: {link}";
            await outbox.EnqueueSmsAsync(new SmsRequest(guest.Contact, text, OutboxPurpose.FollowUpInvitation, call.DealerId, call.LocationId,
                RequestedByUserId: seller.UserId, CallId: call.Id), cancellationToken);
            return;
        }
        var content = de
            ? new EmailContent($"Videoanruf mit {sellerName} von {brand.DisplayName}", $"Hallo {guest.Name},",
                [$"{sellerName} von {brand.DisplayName} lädt Sie zu einem Videoanruf ein.", "Öffnen Sie den Link im Browser Ihres Smartphones oder Computers; Sie brauchen kein Konto. Der Link ist persönlich: Bitte geben Sie ihn nicht weiter."],
                "Am Videoanruf teilnehmen", link)
            : new EmailContent($"Video call with {sellerName} of {brand.DisplayName}", $"Hello {guest.Name},",
                [$"{sellerName} of {brand.DisplayName} invites you to a video call.", "Open the link in the browser of your phone or computer; you need no account. The link is personal: please do not pass it on."],
                "Join the video call", link);
        var rendered = EmailTemplateRenderer.Render(new EmailBrand(brand.DisplayName, brand.PrimaryColor, null), content, language);
        await outbox.EnqueueEmailAsync(new EmailRequest(guest.Contact, rendered.Subject, rendered.Text, rendered.Html, OutboxPurpose.FollowUpInvitation,
            call.DealerId, call.LocationId, RequestedByUserId: seller.UserId, CallId: call.Id), cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Invitation of participant {ParticipantId} to call {CallId} revoked")]
    private static partial void LogRevoked(ILogger logger, Guid callId, Guid participantId);

    [LoggerMessage(LogLevel.Information, "FollowUp call {CallId} started with {GuestCount} invitations")]
    private static partial void LogStarted(ILogger logger, Guid callId, int guestCount);
}
