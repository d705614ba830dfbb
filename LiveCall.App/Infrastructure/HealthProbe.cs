namespace LiveCall.App.Infrastructure;

/// <summary>
/// `LiveCall.App healthcheck`: asks the running app's /healthz on this machine and exits 0 when healthy.
/// Used by the Dockerfile's HEALTHCHECK (the runtime image has no curl).
/// </summary>
public static class HealthProbe
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not ["healthcheck", ..]) return null;
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';')[0] ?? "8080";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
