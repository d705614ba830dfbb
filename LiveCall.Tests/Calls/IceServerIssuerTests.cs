using System.Security.Cryptography;
using System.Text;
using LiveCall.Core.Calls;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveCall.Tests.Calls;

public sealed class IceServerIssuerTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void TurnCredential_FollowsCoturnsRestScheme_AndRelayIsForcedForGuestsOnly()
    {
        var options = new IceOptions
        {
            StunUrls = ["stun:stun.example.com:3478"],
            TurnUrls = ["turn:turn.example.com:3478"],
            TurnSecret = "s3cret",
            CredentialLifetime = TimeSpan.FromHours(1),
            ForceRelay = true,
        };
        var issuer = new IceServerIssuer(Options.Create(options), _time);
        var participant = Guid.NewGuid();

        var guest = issuer.For(participant, ParticipantKind.Guest);
        var staff = issuer.For(participant, ParticipantKind.Staff);
        var turn = guest.Servers.Single(s => s.Username is not null);

        Assert.Equal($"1800003600:{participant:N}", turn.Username);
        Assert.Equal(Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(turn.Username!))), turn.Credential);
        Assert.Equal("relay", guest.TransportPolicy);
        Assert.Equal("all", staff.TransportPolicy);
    }

    [Fact]
    public void NothingConfigured_GivesNoServers_AndValidates()
    {
        var options = new IceOptions();
        var issuer = new IceServerIssuer(Options.Create(options), _time);

        Assert.Empty(issuer.For(Guid.NewGuid(), ParticipantKind.Customer).Servers);
        Assert.Empty(options.Validate(new(options)));
    }

    [Fact]
    public void TurnWithoutSecret_OrABadUrl_FailsValidation()
    {
        var options = new IceOptions { TurnUrls = ["turn:turn.example.com"], StunUrls = ["http://nope"] };

        var errors = options.Validate(new(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("Ice:TurnSecret"));
        Assert.Contains(errors, e => e!.Contains("Ice:StunUrls"));
    }
}
