using System.Net;
using LiveCall.Core;
using LiveCall.Core.Data;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace LiveCall.App.Infrastructure;

public static class InfrastructureExtensions
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        // `docker stop` sends SIGTERM and kills 10 s later: stop within 8 s, whatever is still open then is cut off (calls
        // reconnect to the next instance). Nothing of ours holds a stop: SSE streams and the outbox end on stopping.
        // DOTNET_shutdownTimeoutSeconds (the host's own setting) still wins.
        if (builder.Configuration["shutdownTimeoutSeconds"] is null)
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
        builder.AddConnectionSettings();
        builder.Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        AddPublicAddress(builder);
        // HSTS (outside Development, on HTTPS requests): half a year, so a browser that once came over HTTPS never tries HTTP.
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(180));
        builder.Services.AddValidatedOptions<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, trusted) =>
        {
            // Only the configured proxies are believed (not even loopback, the framework's default): a client's own
            // X-Forwarded-For would otherwise give it a fresh rate-limit key per request. With both lists empty the
            // middleware would believe everybody, so then it reads no header at all.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in trusted.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in trusted.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            o.ForwardedHeaders = o.KnownProxies.Count + o.KnownIPNetworks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });
        return builder;
    }

    /// <summary>One public base URL for every link (see <see cref="PublicBaseAddress"/>), and outside Development the only Host answered.</summary>
    private static void AddPublicAddress(IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PublicAddressOptions>(PublicAddressOptions.Section)
            .Configure<IConfiguration>((o, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl)) o.PublicBaseUrl = configuration[PublicAddressOptions.LegacyKey];
            });
        builder.Services.AddSingleton<IValidateOptions<PublicAddressOptions>, PublicAddressRequired>();
        builder.Services.AddSingleton<PublicBaseAddress>();
        if (builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"])) return;
        // Host filtering: the public host, and loopback for the container's health probe (links never use the Host anyway).
        builder.Services.AddOptions<HostFilteringOptions>().Configure<IOptions<PublicAddressOptions>>((o, address) =>
            o.AllowedHosts = [.. address.Value.BaseUri is { } uri ? [uri.Host] : Array.Empty<string>(), "localhost", "127.0.0.1", "[::1]"]);
    }

    public static WebApplication UseInfrastructure(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSecurityHeaders();
        return app;
    }

    public static WebApplication MapInfrastructure(this WebApplication app)
    {
        // After authentication (the caps count per user too), before the circuit and signaling endpoints.
        app.UseWhen(c => c.Request.Path.StartsWithSegments(ConnectionLimits.CircuitPath) || c.Request.Path.StartsWithSegments(ConnectionLimits.SignalingPath),
            a => a.UseMiddleware<OriginCheck>().UseMiddleware<ConnectionLimits>());
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<LiveCallDbContext> dbFactory) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
    }
}
