using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveCall.Tests.Support;

/// <summary>A dealer's web site on another origin (a <see cref="LoopbackServer"/>, reached as http://localhost:port) that embeds the button.</summary>
public sealed class HostSite : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private HostSite(LoopbackServer server)
    {
        _server = server;
        Address = new Uri($"http://localhost:{server.BaseUri.Port}/");
    }

    public Uri Address { get; }

    public static async Task<HostSite> StartAsync(Uri liveCall, string location, string? lang = null)
    {
        var langAttribute = lang is null ? "" : $" data-lang=\"{lang}\"";
        var page = $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Autohaus Beispiel</title>
            <style>
              /* A host site with aggressive CSS: the button must look the same anyway. */
              * { font-family: Georgia, serif !important; } button { background: red; color: yellow; font-size: 30px; padding: 0; border-radius: 0; }
              body { margin: 0; background: #eef2f0; } header { background: #14532d; color: #fff; padding: 18px 24px; font-size: 22px; }
              main { padding: 24px; max-width: 760px; } .car { background: #fff; padding: 16px; margin-bottom: 16px; border-radius: 6px; }
            </style></head>
            <body><header>Autohaus Beispiel</header>
            <main><h1>Our cars</h1><div class="car">Estate car, blue, 2024</div><div class="car">Compact, silver, 2023</div><button>Host button</button></main>
            <script src="{{liveCall}}embed.js" data-location="{{location}}"{{langAttribute}} async></script>
            </body></html>
            """;
        return new HostSite(await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Content(page, "text/html"))));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
