using System.Globalization;
using LiveCall.Core.Calls;
using LiveCall.Core.Statistics;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveCall.App.Statistics;

/// <summary>The call list's filters as a person picks them (local days), shared by the page and the CSV export.</summary>
public sealed record CallFilter(DateOnly? From, DateOnly? To, Guid? DealerId, Guid? LocationId, string? SellerId, CallState? State, CallKind? Kind)
{
    public static CallFilter Empty { get; } = new(null, null, null, null, null, null, null);

    /// <summary>Local days in <paramref name="zone"/> become UTC bounds; "to" includes the whole day.</summary>
    public CallQuery ToQuery(TimeZoneInfo zone) => new(
        From is { } f ? LocalDay.StartUtc(f, zone) : null,
        To is { } t ? LocalDay.StartUtc(t.AddDays(1), zone) : null,
        DealerId, LocationId, string.IsNullOrWhiteSpace(SellerId) ? null : SellerId, State, Kind);

    public string ToQueryString()
    {
        var q = new Dictionary<string, string?>
        {
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dealer"] = DealerId?.ToString(),
            ["location"] = LocationId?.ToString(),
            ["seller"] = SellerId,
            ["state"] = State?.ToString(),
            ["kind"] = Kind?.ToString(),
        };
        return QueryHelpers.AddQueryString("", q.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>Reads the filters from a query string; anything malformed is ignored rather than failing.</summary>
    public static CallFilter Parse(IQueryCollection query) => new(
        DateOnly.TryParseExact(query["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null,
        DateOnly.TryParseExact(query["to"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        Guid.TryParse(query["dealer"], out var d) ? d : null,
        Guid.TryParse(query["location"], out var l) ? l : null,
        query["seller"].FirstOrDefault() is { Length: > 0 and <= 450 } s ? s : null,
        Enum.TryParse<CallState>(query["state"], out var st) && Enum.IsDefined(st) ? st : null,
        Enum.TryParse<CallKind>(query["kind"], out var k) && Enum.IsDefined(k) ? k : null);
}
