using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Calls.Incoming;

/// <summary>
/// The address accept links start with: <see cref="EscalationOptions.PublicBaseUrl"/>, else the app's own listening
/// address (read when the first link is made, after the server started). Never a request's Host header.
/// </summary>
public sealed class PublicBaseAddress(IOptions<EscalationOptions> options, IServer? server = null)
{
    public Uri Get()
    {
        if (options.Value.BaseUri is { } configured) return configured;
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Escalation:PublicBaseUrl is not set and the server has no address.");
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" }) address = address.Replace(wildcard, "://localhost");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
