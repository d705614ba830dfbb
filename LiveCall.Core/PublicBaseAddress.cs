using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LiveCall.Core;

/// <summary>
/// The address every link in every message starts with (accept links, guest invitations, activation and reset mails):
/// <see cref="PublicAddressOptions.PublicBaseUrl"/>, in Development else the app's own listening address (read when the
/// first link is made, after the server started). Never a request's Host header nor a circuit's NavigationManager.
/// </summary>
public sealed class PublicBaseAddress(IOptions<PublicAddressOptions> options, IServer? server = null)
{
    public Uri Get()
    {
        if (options.Value.BaseUri is { } configured) return configured;
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{PublicAddressOptions.Section}:PublicBaseUrl is not set and the server has no address.");
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" }) address = address.Replace(wildcard, "://localhost");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
