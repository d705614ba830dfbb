using LiveCall.Core;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using Microsoft.Extensions.Localization;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// The customer's actions: start a call (one per browser while it rings; the customer limits of <see cref="RingLimitsOptions"/>
/// by browser, contact and network), cancel it, leave a callback request.
/// Field errors come back as texts in the request's language; nothing is stored for invalid input.
/// </summary>
public static class CustomerCallEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/{dealerSlug}/{locationSlug}/start", StartAsync);
        api.MapPost("/{dealerSlug}/{locationSlug}/callback", CallbackAsync);
        api.MapPost("/calls/{callId:guid}/cancel", CancelAsync);
    }

    private static async Task<IResult> StartAsync(string dealerSlug, string locationSlug, HttpContext context, IncomingCallService incoming,
        CustomerCalls calls, NewRequestLimiter limiter, IStringLocalizer<Ui> T, TimeProvider time, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var input = await CustomerJson.ReadAsync<StartRequest>(context.Request, cancellationToken);
        if (input is null) return Invalid(T["Customer.Error.BadRequest"].Value);
        var location = await calls.FindLocationAsync(dealerSlug, locationSlug, cancellationToken);
        if (location is null) return Unknown(T);
        if (!location.IsActive) return Inactive(T, location.Name);

        // Twenty presses are one call: while this browser's call of this location rings (or was just answered), return it.
        var now = time.GetUtcNow().UtcDateTime;
        if (await calls.OfTokenAsync(CustomerCookie.Read(context), cancellationToken) is { } mine && mine.LocationId == location.Id
            && mine.State is CallState.Ringing or CallState.Waiting or CallState.Connected)
            return Results.Ok(CustomerCallView.Of(mine, now));

        var contactInput = new CustomerContactInput(input.Name, input.Phone, input.Email);
        var errors = CustomerTexts.FieldErrors(CustomerContactRules.Check(contactInput, location.Country, requireContact: false).Errors, T);
        if (!input.PrivacyAccepted) errors[CustomerTexts.PrivacyField] = T["Customer.Error.PrivacyRequired"].Value;
        if (errors.Count > 0) return Results.BadRequest(new CustomerCallView("invalid") { Errors = errors });
        if (!limiter.TryAcquire(ClientAddress.KeyOf(context))) return TooMany(T);

        var who = new CustomerKeys(CustomerBrowser.Ensure(context), null, ClientAddress.KeyOf(context));
        var start = await incoming.StartAsync(dealerSlug, locationSlug, contactInput, who, cancellationToken);
        switch (start.Refusal)
        {
            case RingRefusal.None or RingRefusal.NoSellerAvailable:
                CustomerCookie.Set(context, start.CustomerToken!);
                return Results.Ok(new CustomerCallView(start.Ringing ? "ringing" : "unanswered")
                {
                    CallId = start.CallId, Sellers = start.SellersRinging, ElapsedSeconds = 0, Name = input.Name!.Trim(),
                });
            case RingRefusal.Closed:
                return Results.Json(new CustomerCallView("closed")
                {
                    NextOpening = start.NextOpening, NextOpeningText = CustomerTexts.NextOpening(start.NextOpening, location, T),
                }, statusCode: StatusCodes.Status409Conflict);
            case RingRefusal.InvalidName:
                return Results.BadRequest(new CustomerCallView("invalid") { Errors = CustomerTexts.FieldErrors(start.FieldErrors, T) });
            case RingRefusal.Inactive:
                return Inactive(T, location.Name);
            case RingRefusal.AlreadyWaiting:
                return Results.Json(new CustomerCallView("refused") { Message = T["Customer.Refused.AlreadyWaiting"].Value },
                    statusCode: StatusCodes.Status409Conflict);
            case RingRefusal.TooManyCalls:
                context.Response.Headers.RetryAfter = "600";
                return Results.Text(T["Customer.Refused.TooManyCalls"].Value, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return Unknown(T);
        }
    }

    private static async Task<IResult> CancelAsync(Guid callId, HttpContext context, IncomingCallService incoming, CustomerCalls calls,
        IStringLocalizer<Ui> T, TimeProvider time, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await calls.OfTokenAsync(CustomerCookie.Read(context), callId, cancellationToken) is null) return NotYours(T);
        await incoming.CancelAsync(callId, cancellationToken);
        // After a cancel that came too late (a seller had just accepted) the answer says "accepted": the page goes into the call.
        var call = await calls.OfTokenAsync(CustomerCookie.Read(context), callId, cancellationToken);
        return call is null ? NotYours(T) : Results.Ok(CustomerCallView.Of(call, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> CallbackAsync(string dealerSlug, string locationSlug, HttpContext context, CallbackService callbacks,
        CustomerCalls calls, NewRequestLimiter limiter, IStringLocalizer<Ui> T, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        var input = await CustomerJson.ReadAsync<CallbackFormRequest>(context.Request, cancellationToken);
        if (input is null) return Invalid(T["Customer.Error.BadRequest"].Value);
        var location = await calls.FindLocationAsync(dealerSlug, locationSlug, cancellationToken);
        if (location is null) return Unknown(T);
        if (!location.IsActive) return Inactive(T, location.Name);

        var contactInput = new CustomerContactInput(input.Name, input.Phone, input.Email, input.Note);
        var errors = CustomerTexts.FieldErrors(CustomerContactRules.Check(contactInput, location.Country, requireContact: true).Errors, T);
        if (!input.PrivacyAccepted) errors[CustomerTexts.PrivacyField] = T["Customer.Error.PrivacyRequired"].Value;
        if (errors.Count > 0) return Results.BadRequest(new CustomerCallView("invalid") { Errors = errors });
        if (!limiter.TryAcquire(ClientAddress.KeyOf(context))) return TooMany(T);

        var result = await callbacks.CreateAsync(dealerSlug, locationSlug, contactInput, CustomerCookie.Read(context), cancellationToken);
        return result.Refusal switch
        {
            CallbackRefusal.None => Results.Ok(new CustomerCallView("callback-requested") { Name = input.Name!.Trim(), CallId = null }),
            CallbackRefusal.Invalid => Results.BadRequest(new CustomerCallView("invalid") { Errors = CustomerTexts.FieldErrors(result.FieldErrors, T) }),
            CallbackRefusal.Inactive => Inactive(T, location.Name),
            _ => Unknown(T),
        };
    }

    internal static IResult Unknown(IStringLocalizer T) =>
        Results.Json(new CustomerCallView("unknown") { Message = T["Customer.NotFound.Title"].Value }, statusCode: StatusCodes.Status404NotFound);

    private static IResult Inactive(IStringLocalizer T, string locationName) =>
        Results.Json(new CustomerCallView("inactive") { Message = string.Format(T["Customer.Inactive.Text"].Value, locationName) },
            statusCode: StatusCodes.Status409Conflict);

    private static IResult Invalid(string message) => Results.BadRequest(new CustomerCallView("invalid") { Message = message });

    internal static IResult NotYours(IStringLocalizer T) =>
        Results.Json(new CustomerCallView("forbidden") { Message = T["Customer.Error.NotYourCall"].Value }, statusCode: StatusCodes.Status403Forbidden);

    private static IResult TooMany(IStringLocalizer T) =>
        Results.Text(T["Customer.TooMany"].Value, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
}
