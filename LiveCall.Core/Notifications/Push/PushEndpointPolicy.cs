using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace LiveCall.Core.Notifications.Push;

/// <summary>
/// Push endpoints are browser-supplied URLs, so they are an SSRF risk: only https, only allow-listed
/// push-service hosts, never a private or loopback address (checked again at connect time, after DNS),
/// and no redirects.
/// </summary>
public sealed class PushEndpointPolicy(IOptions<WebPushOptions> options)
{
    public bool IsAllowed(string endpoint) => Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && IsAllowed(uri);

    public bool IsAllowed(Uri uri)
    {
        var o = options.Value;
        if (uri.Scheme != Uri.UriSchemeHttps && !(o.AllowLoopbackForTesting && uri.Scheme == Uri.UriSchemeHttp)) return false;
        if (!string.IsNullOrEmpty(uri.UserInfo)) return false;
        if (IPAddress.TryParse(uri.IdnHost, out var ip) && IsPrivate(ip) && !o.AllowLoopbackForTesting) return false;
        return o.EffectiveAllowedHosts.Any(h => HostMatches(uri.IdnHost, h.Trim()));
    }

    /// <summary>The handler for the push HttpClient: no redirects, and a connect step that refuses private addresses.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var usable = addresses.Where(a => options.Value.AllowLoopbackForTesting || !IsPrivate(a)).ToArray();
        if (usable.Length == 0) throw new HttpRequestException(HttpRequestError.ConnectionError, "Push endpoint resolves to a private address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool HostMatches(string host, string pattern) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);

    public static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return true;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6Multicast || (ip.GetAddressBytes()[0] & 0xFE) == 0xFC;
        var b = ip.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || b[0] >= 224
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
