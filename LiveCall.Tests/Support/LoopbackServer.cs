using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCall.Tests.Support;

/// <summary>
/// A small Kestrel server on 127.0.0.1 (a free port unless told) for whatever plays the other side: a provider
/// stand-in, a dealer's web site, the webhook endpoints. Shared with LiveCall.Bench (linked source).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(WebApplication app)
    {
        App = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    public WebApplication App { get; }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseUri { get; }

    /// <param name="map">Adds the endpoints (and middleware) before the server starts.</param>
    /// <param name="configure">Adds services or configuration to the builder.</param>
    /// <param name="port">A fixed port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="environment">The host environment (the slim builder's default, Production, unless told).</param>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null, int port = 0,
        string? environment = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LoopbackServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
