using System.Net;
using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls.Signaling;

/// <summary>
/// Guessing call tokens at the signaling hub costs the same tries as guessing guest links: wrong tokens count against the
/// address, and an address out of tries is refused even with a valid token, while other addresses are not affected.
/// </summary>
public sealed class TokenGuessingTests : IAsyncLifetime
{
    private readonly LiveCallAppFactory _app = new();
    private readonly List<SignalingTestClient> _clients = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task<SignalingTestClient> ConnectAsync(string token, IPAddress? from = null)
    {
        var client = await SignalingTestClient.ConnectAsync(_app.BaseAddress, token: token, from: from);
        _clients.Add(client);
        return client;
    }

    [Fact]
    public async Task TwentyWrongTokensFromOneAddress_UseUpItsTries_AValidTokenFromThereIsRefusedToo_AnotherAddressStillJoins()
    {
        var call = await _app.Data.StartFollowUpAsync();
        var fromHere = await _app.Data.InviteGuestAsync(call.Id, "Gina Guest");
        var fromElsewhere = await _app.Data.InviteGuestAsync(call.Id, "Otto Other");
        var guesser = IPAddress.Parse("127.0.0.3");

        var before = await ConnectAsync(fromHere.Token, guesser);
        Assert.Equal("joined", (await before.JoinAsync(call.Id)).Status); // the address may try while it has tries left

        var forger = await ConnectAsync(fromHere.Token[..^4] + "abcd", guesser);
        var answers = new List<string>();
        for (var i = 0; i < 20; i++) answers.Add((await forger.JoinAsync(call.Id)).Status);
        var valid = await ConnectAsync(fromHere.Token, guesser);
        var other = await ConnectAsync(fromElsewhere.Token, IPAddress.Parse("127.0.0.4"));

        Assert.All(answers, a => Assert.Equal("not-allowed", a));
        Assert.Equal("not-allowed", (await valid.JoinAsync(call.Id)).Status);
        Assert.Equal("joined", (await other.JoinAsync(call.Id)).Status);
    }
}
