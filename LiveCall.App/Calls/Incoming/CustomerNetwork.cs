using System.Net;
using System.Net.Sockets;

namespace LiveCall.App.Calls.Incoming;

/// <summary>
/// The customer limits' network key: an IPv4 address as it is, an IPv6 address cut to its /64 (one subscriber's prefix), an
/// IPv4-mapped IPv6 address as the IPv4 address.
/// LEAD: replace with the shared helper LiveCall.App/Infrastructure/ClientAddress.cs (trusted forwarded headers, /64) when
/// merging; this is the only caller's seam (<see cref="KeyOf(HttpContext)"/>).
/// </summary>
public static class CustomerNetwork
{
    public static string? KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string? KeyOf(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
