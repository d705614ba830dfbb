using LiveCall.Tests.Support;

namespace LiveCall.Tests.Calls;

/// <summary>
/// Two people joining at the same moment: the server seats me, then seats the other and tells me "participant joined"
/// before it answers my own Join, whose list of the others was taken before the other sat down. The call client (in
/// Chromium, the app's own module, its SignalR connection replaced by one the test drives) must still meet the other:
/// once seen as a crash in the handler ("reading 'id'" of no self yet) and a customer who never connected.
/// </summary>
public sealed class CallClientJoinRaceTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private LiveCallAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new LiveCallAppFactory();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Script = """
        async ({ leaveEarly }) => {
          const { CallClient } = await import('/js/call/call-client.js');
          const handlers = {};
          let answerJoin;
          const connection = {
            on: (name, handler) => { handlers[name] = handler; },
            onreconnecting() {}, onreconnected() {}, onclose() {},
            start: async () => {},
            stop: async () => {},
            send: async () => {},
            invoke: (method) => method === 'Join' ? new Promise(resolve => { answerJoin = resolve; }) : Promise.resolve(null),
          };
          window.signalR = {
            LogLevel: { Warning: 3 },
            HubConnectionBuilder: class {
              withUrl() { return this; }
              withAutomaticReconnect() { return this; }
              configureLogging() { return this; }
              build() { return connection; }
            },
          };
          const client = new CallClient({ callId: '00000000-0000-0000-0000-000000000001' });
          const joined = client.join();
          while (!answerJoin) await new Promise(resolve => setTimeout(resolve, 0));
          handlers['ParticipantJoined']({ id: 'seller', name: 'Sam Seller', kind: 'staff', media: null });
          if (leaveEarly) handlers['ParticipantLeft']('seller');
          answerJoin({ status: 'joined', participantId: 'customer', name: 'Clara Kunde', maxParticipants: 4,
            ice: { servers: [], transportPolicy: 'all' }, others: [], connectedUtc: null });
          const outcome = await joined;
          const result = { outcome, participants: [...client.participants.keys()], peers: [...client.peers.keys()] };
          for (const peer of client.peers.values()) peer.close();
          return result;
        }
        """;

    [Theory]
    [InlineData(false, new[] { "seller" })]
    [InlineData(true, new string[0])]
    public async Task AParticipantAnnouncedBeforeMyJoinIsAnswered_IsMetOnceItIs_UnlessTheyLeftMeanwhile(bool leaveEarly, string[] expected)
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = _app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");

        var result = await page.EvaluateAsync<JoinResult>(Script, new { leaveEarly });

        Assert.Equal("joined", result.Outcome);
        Assert.Equal(expected, result.Participants);
        Assert.Equal(expected, result.Peers);
    }

    private sealed class JoinResult
    {
        public string Outcome { get; set; } = "";
        public string[] Participants { get; set; } = [];
        public string[] Peers { get; set; } = [];
    }
}
