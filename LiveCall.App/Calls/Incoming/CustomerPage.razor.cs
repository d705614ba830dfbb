using System.Text.Json;
using LiveCall.Core.Calls;
using LiveCall.Core.Dealers;
using Microsoft.AspNetCore.Components;

namespace LiveCall.App.Calls.Incoming;

public sealed partial class CustomerPage
{
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Parameter] public string DealerSlug { get; set; } = "";
    [Parameter] public string LocationSlug { get; set; } = "";
    /// <summary>The call page sends the customer here when nobody was left to hand their call to: the callback form, filled in.</summary>
    [SupplyParameterFromQuery(Name = "missed")] public bool Missed { get; set; }
    [Inject] private CustomerCalls Calls { get; set; } = default!;
    [Inject] private BrandingService Branding { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private Location? location;
    private EffectiveBranding? brand;
    /// <summary>entry, or closed (outside opening hours: the callback form at once).</summary>
    private string state = "entry";
    private string? nextOpeningText;
    /// <summary>
    /// This browser's call of this location that still rings (a reload while waiting): the script carries on waiting; or,
    /// after <see cref="Missed"/>, the unanswered call: the script offers the callback with the contact the customer left.
    /// </summary>
    private string? resumeJson;

    private string ReturnPath => $"/call/{Uri.EscapeDataString(DealerSlug)}/{Uri.EscapeDataString(LocationSlug)}";

    protected override async Task OnInitializedAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        HttpContext.Response.Headers.CacheControl = "no-store";
        location = await Calls.FindLocationAsync(DealerSlug, LocationSlug, cancellationToken);
        if (location is null)
        {
            // A 404 with our own branded page: set as the response starts, so neither Blazor's not-found handling nor the
            // staff app's re-executed /not-found replaces this page.
            var response = HttpContext.Response;
            response.OnStarting(() =>
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
            brand = await Branding.ResolveAsync(null, null, cancellationToken);
            return;
        }
        brand = await Branding.ResolveAsync(location.DealerId, location.Id, cancellationToken);
        if (!location.IsActive) return;

        var now = Time.GetUtcNow();
        if (!location.IsOpenAt(now))
        {
            state = "closed";
            nextOpeningText = CustomerTexts.NextOpening(location.OpeningHours.NextOpening(now, location.TimeZone), location, T);
            return;
        }
        if (await Calls.OfTokenAsync(CustomerCookie.Read(HttpContext), cancellationToken) is not { } mine || mine.LocationId != location.Id) return;
        if (mine.State == CallState.Ringing)
            resumeJson = JsonSerializer.Serialize(CustomerCallView.Of(mine, now.UtcDateTime), JsonSerializerOptions.Web);
        else if (Missed && mine.State == CallState.Unanswered)
        {
            var (phone, email) = await Calls.ContactAsync(mine.CallId, cancellationToken);
            resumeJson = JsonSerializer.Serialize(CustomerCallView.Of(mine, now.UtcDateTime) with { Phone = phone, Email = email }, JsonSerializerOptions.Web);
        }
    }
}
