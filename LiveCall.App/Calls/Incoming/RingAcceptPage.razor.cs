using System.Security.Claims;
using LiveCall.App.Calls.FollowUp;
using LiveCall.App.Infrastructure;
using LiveCall.Core;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Dealers;
using LiveCall.Core.Users;
using Microsoft.AspNetCore.Components;

namespace LiveCall.App.Calls.Incoming;

public sealed partial class RingAcceptPage
{
    public const string AcceptIntent = "accept";
    public const string AwayIntent = "away";
    public const string AvailableIntent = "available";
    private const string FormName = "ring-link";
    /// <summary>What ring-link.js puts into the form's "tap" field on a trusted click.</summary>
    private const string TapMark = "1";

    [Inject] private LinkAcceptance Acceptance { get; set; } = default!;
    [Inject] private BrandingService Branding { get; set; } = default!;
    [Inject] private LinkFailureLimiter Failures { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IWebHostEnvironment Environment { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Parameter] public string Token { get; set; } = "";
    [SupplyParameterFromForm(FormName = FormName, Name = "intent")] private string? Intent { get; set; }
    [SupplyParameterFromForm(FormName = FormName, Name = "tap")] private string? Tap { get; set; }

    private LinkResult? result;
    private EffectiveBranding? brand;
    /// <summary>The duty the seller has just chosen on this page (the page then confirms it).</summary>
    private SellerStatus? changed;

    private bool Ringing => result?.Outcome == LinkOutcome.Ringing;

    /// <summary>The email's "I'm away for today" link (<c>?away=1</c>): the same page, the away action first.</summary>
    private bool AwayFocus => Ringing && result!.Duty is not (SellerStatus.Away or SellerStatus.OffDuty) && HttpContext.Request.Query["away"] == "1";

    /// <summary>Only the seller's own signed-in browser accepts without a tap (a scanner never has that cookie).</summary>
    private bool AutoAccept => Ringing && result!.SellerSignedIn && !AwayFocus && !result.TapNeeded;

    private bool HasActions => result?.Outcome is LinkOutcome.Ringing or LinkOutcome.AnsweredByOther or LinkOutcome.AnsweredBySeller
        or LinkOutcome.Missed or LinkOutcome.Declined;

    private string? SignedInUserId => HttpContext.User.Identity?.IsAuthenticated == true ? HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    protected override async Task OnInitializedAsync()
    {
        HttpContext.Response.Headers["Referrer-Policy"] = "no-referrer";
        HttpContext.Response.Headers.CacheControl = "no-store";
        HttpContext.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpMethods.IsPost(HttpContext.Request.Method)) return; // the form handler answers
        await ShowAsync(IsBlocked() ? LinkResult.Invalid : await Acceptance.PreviewAsync(Token, SignedInUserId, HttpContext.RequestAborted));
    }

    private async Task ActAsync()
    {
        if (IsBlocked())
        {
            await ShowAsync(LinkResult.Invalid);
            return;
        }
        var visitor = new LinkVisitor(SignedInUserId, Tap == TapMark);
        var cancellationToken = HttpContext.RequestAborted;
        var shown = Intent switch
        {
            AwayIntent => await Acceptance.SetAwayAsync(Token, visitor, cancellationToken),
            AvailableIntent => await Acceptance.SetAvailableAsync(Token, visitor, cancellationToken),
            _ => await Acceptance.AcceptAsync(Token, visitor, cancellationToken),
        };
        if (shown.Outcome == LinkOutcome.Accepted)
        {
            EnterCall(shown);
            return;
        }
        changed = shown.TapNeeded ? null : (Intent, shown.Duty) switch
        {
            (AwayIntent, SellerStatus.Away) => SellerStatus.Away,
            (AvailableIntent, SellerStatus.Available or SellerStatus.Busy) => SellerStatus.Available,
            _ => null,
        };
        await ShowAsync(shown);
    }

    /// <summary>Into the call: the staff call page for the signed-in seller, else the one-call page with a call cookie.</summary>
    private void EnterCall(LinkResult accepted)
    {
        if (accepted.Access is not { } access)
        {
            Navigation.NavigateTo($"/call/{accepted.CallId}", forceLoad: true);
            return;
        }
        HttpContext.Response.Cookies.Append(GuestLinkEndpoints.CookieName, access.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !Environment.IsDevelopment() || HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = LinkAcceptance.SellerAccessLifetime,
            IsEssential = true,
        });
        Navigation.NavigateTo("/r/call", forceLoad: true);
    }

    private async Task ShowAsync(LinkResult shown)
    {
        result = shown;
        if (shown.Outcome == LinkOutcome.Invalid) Failures.CountFailure(Ip);
        // The call can no longer be accepted through this link: "gone", unless the seller has just changed their duty here.
        if (shown.Outcome != LinkOutcome.Ringing && changed is null) HttpContext.Response.StatusCode = StatusCodes.Status410Gone;
        if (shown.DealerId is { } dealerId) brand = await Branding.ResolveAsync(dealerId, shown.LocationId, HttpContext.RequestAborted);
    }

    /// <summary>The page's test id, heading and paragraphs for the link's state.</summary>
    private (string TestId, string Heading, string[] Texts) View => result switch
    {
        null => ("accept-link-confirm", T["AcceptLink.Title"].Value, []),
        { Outcome: LinkOutcome.Ringing } when AwayFocus => ("accept-link-confirm", T["AcceptLink.AwayTitle"].Value, [T["AcceptLink.AwayText"].Value, Waiting]),
        { Outcome: LinkOutcome.Ringing } => ("accept-link-confirm", T["AcceptLink.Title"].Value, [Waiting]),
        _ when changed == SellerStatus.Away => ("accept-link-away", T["AcceptLink.AwayDoneTitle"].Value, result.Outcome == LinkOutcome.Declined
            ? [T["AcceptLink.AwayDoneText"].Value, T["AcceptLink.AwayDeclined", result.CustomerName ?? ""].Value]
            : [T["AcceptLink.AwayDoneText"].Value]),
        _ when changed == SellerStatus.Available =>
            ("accept-link-available", T["AcceptLink.AvailableDoneTitle"].Value, [T["AcceptLink.AvailableDoneText"].Value]),
        { Outcome: LinkOutcome.AnsweredByOther } =>
            ("accept-link-answered", T["AcceptLink.AnsweredBy", result.AnsweredBy ?? "—"].Value, [T["AcceptLink.AnsweredText"].Value]),
        { Outcome: LinkOutcome.AnsweredBySeller } =>
            ("accept-link-answered-by-you", T["AcceptLink.AnsweredBySellerTitle"].Value, [T["AcceptLink.AnsweredBySellerText"].Value]),
        { Outcome: LinkOutcome.Missed } => ("accept-link-missed", T["AcceptLink.MissedTitle"].Value,
            [T["AcceptLink.MissedText", result.CustomerName ?? "", result.LocationName ?? ""].Value]),
        { Outcome: LinkOutcome.Declined } => ("accept-link-declined", T["AcceptLink.DeclinedTitle"].Value, [T["AcceptLink.DeclinedText"].Value]),
        { Outcome: LinkOutcome.OtherUserSignedIn } => ("accept-link-other-user", T["AcceptLink.OtherUserTitle"].Value, [T["AcceptLink.OtherUserText"].Value]),
        _ => ("accept-link-invalid", T["AcceptLink.InvalidTitle"].Value, [T["AcceptLink.InvalidText"].Value]),
    };

    private string Waiting => T["AcceptLink.Waiting", result?.CustomerName ?? "", result?.LocationName ?? ""].Value;

    /// <summary>The seller's duty in one sentence, above its one-tap action.</summary>
    private string DutyText => result?.Duty switch
    {
        SellerStatus.Away => T["AcceptLink.DutyAway"].Value,
        SellerStatus.OffDuty => T["AcceptLink.DutyOffDuty"].Value,
        SellerStatus.Busy => T["AcceptLink.DutyBusy"].Value,
        _ => T["AcceptLink.DutyAvailable"].Value,
    };

    private bool IsBlocked() => !Failures.MayTry(Ip);

    private string Ip => ClientAddress.KeyOf(HttpContext);
}
