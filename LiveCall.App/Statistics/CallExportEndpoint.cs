using System.Globalization;
using System.Text;
using LiveCall.Core.Statistics;
using LiveCall.Core.Tenancy;

namespace LiveCall.App.Statistics;

public static class CallExportEndpoint
{
    public const int MaxRows = 100_000;

    /// <summary>GET /calls/export.csv?…filters…: the filtered call list (in the user's scope) as CSV, UTF-8 with BOM for spreadsheets.</summary>
    public static void MapCallExport(this WebApplication app) =>
        app.MapGet("/calls/export.csv", async (HttpContext context, StatisticsService statistics, CancellationToken cancellationToken) =>
        {
            if (TenantScope.From(context.User) is not { } scope) return Results.Forbid();
            var filter = CallFilter.Parse(context.Request.Query);
            var zone = await statistics.DisplayZoneAsync(scope, new StatisticsFilter(filter.DealerId, filter.LocationId), cancellationToken);
            var rows = statistics.ExportAsync(scope, filter.ToQuery(zone), MaxRows, cancellationToken);
            return Results.Stream(async stream =>
            {
                await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await writer.WriteLineAsync("id,kind,state,dealer,location,seller,created,accepted,duration_seconds,participants");
                await foreach (var r in rows)
                {
                    await writer.WriteLineAsync(string.Join(',',
                        r.Id, r.Kind, r.State, Csv(r.DealerName), Csv(r.LocationName), Csv(r.SellerName),
                        Local(r.CreatedUtc, zone), r.AcceptedUtc is { } a ? Local(a, zone) : "",
                        r.Duration is { } d ? ((int)d.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "", r.Participants));
                }
            }, "text/csv; charset=utf-8", $"calls-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
        }).RequireAuthorization();

    private static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Quotes a field; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.</summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
