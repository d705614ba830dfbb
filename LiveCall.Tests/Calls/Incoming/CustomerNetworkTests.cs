using System.Net;
using LiveCall.App.Calls.Incoming;

namespace LiveCall.Tests.Calls.Incoming;

public sealed class CustomerNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Key_IsTheIPv4AddressOrTheIPv6Slash64(string address, string key) =>
        Assert.Equal(key, CustomerNetwork.KeyOf(IPAddress.Parse(address)));
}
