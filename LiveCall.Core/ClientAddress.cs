using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace LiveCall.Core;

/// <summary>
/// The one place a client's address becomes the key of a per-client limit: an IPv4 address counts alone, an IPv6
/// address by its /64 (one home or phone is handed a whole /64, so per /128 would be unlimited keys), an IPv4-mapped
/// IPv6 address as the IPv4 address it is. The address is the socket's, or the one a configured trusted proxy
/// forwarded (ForwardedHeaders:KnownProxies / KnownNetworks); a client's own X-Forwarded-For is never believed.
/// </summary>
public static class ClientAddress
{
    /// <summary>The limit key of this request's client, e.g. <c>203.0.113.7</c> or <c>2001:db8:1:2::/64</c>.</summary>
    public static string KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
